package io.saccade.coordinator.deliver;

import io.saccade.coordinator.CoordinatorEvent;
import io.saccade.protocol.decision.DecisionDatagram;
import io.saccade.protocol.message.Decision;
import io.saccade.protocol.message.MessageCodec;
import io.saccade.protocol.mqtt.TopicTree;
import io.saccade.protocol.time.NanoClock;
import io.saccade.runtime.mqtt.MqttPort;
import io.saccade.runtime.telemetry.EnumCounters;
import io.saccade.runtime.telemetry.RateLimitedLog;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Sends every decision twice: first as a signed datagram straight to the robot of its stream (the fast path: one
 * {@code sendto}, no broker hop), then on the stream's MQTT decisions topic (the robot's fallback and everybody
 * else's feed). The JSON is encoded once for both. Used by the decision thread only.
 */
public final class DecisionDelivery implements DecisionSink, AutoCloseable {
    private static final System.Logger LOG = System.getLogger(DecisionDelivery.class.getName());

    private final MqttPort mqtt;
    private final TopicTree topics;
    private final DecisionDatagram datagram;
    private final Map<Long, InetSocketAddress> robots;
    private final DatagramChannel channel;
    private final EnumCounters<CoordinatorEvent> events;
    private final RateLimitedLog warnings;
    private final MessageCodec codec = new MessageCodec();
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(DecisionDatagram.datagramLength(
        DecisionDatagram.MAX_PAYLOAD_LENGTH));
    private final Map<Long, String> decisionTopics = new HashMap<>();

    /**
     * @param mqtt     the broker connection.
     * @param topics   the topic tree.
     * @param datagram signs datagrams.
     * @param robots   where each stream's robot listens for decisions.
     * @param events   where deliveries are counted.
     * @param clock    monotonic time, for rate-limiting warnings.
     * @throws IOException when no UDP socket can be opened.
     */
    public DecisionDelivery(final MqttPort mqtt, final TopicTree topics, final DecisionDatagram datagram,
                            final Map<Long, InetSocketAddress> robots, final EnumCounters<CoordinatorEvent> events,
                            final NanoClock clock) throws IOException {
        this.mqtt = mqtt;
        this.topics = topics;
        this.datagram = datagram;
        this.robots = Map.copyOf(robots);
        this.events = events;
        this.warnings = new RateLimitedLog(LOG, clock, TimeUnit.SECONDS.toNanos(5));
        this.channel = DatagramChannel.open();
    }

    @Override
    public void deliver(final Decision decision) {
        final byte[] json = codec.encode(decision);
        final InetSocketAddress robot = robots.get(decision.streamId());
        if (robot == null) {
            events.increment(CoordinatorEvent.NO_ROBOT_ADDRESS);
        } else {
            send(robot, decision, json);
        }
        final String topic = decisionTopics.computeIfAbsent(decision.streamId(), topics::decisions);
        events.increment(mqtt.publish(topic, json, 0, false) ? CoordinatorEvent.PUBLISHED
            : CoordinatorEvent.PUBLISH_DROPPED);
    }

    private void send(final InetSocketAddress robot, final Decision decision, final byte[] json) {
        try {
            datagram.write(buffer, decision.streamId(), decision.frameSeq(), decision.leader().epoch(), json);
            channel.send(buffer, robot);
            events.increment(CoordinatorEvent.SENT_UDP);
        } catch (final IOException | IllegalArgumentException ex) {
            events.increment(CoordinatorEvent.UDP_FAILED);
            warnings.warn(() -> "cannot send a decision to " + robot + ": " + ex.getMessage());
        }
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (final IOException ex) {
            LOG.log(System.Logger.Level.DEBUG, "closing the decision socket: {0}", ex.getMessage());
        }
    }
}

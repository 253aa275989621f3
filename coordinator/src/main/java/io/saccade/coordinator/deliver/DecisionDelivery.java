package io.saccade.coordinator.deliver;

import io.saccade.coordinator.CoordinatorEvent;
import io.saccade.protocol.decision.DatagramVerdict;
import io.saccade.protocol.decision.DecisionDatagram;
import io.saccade.protocol.decision.DecisionReceipt;
import io.saccade.protocol.message.Decision;
import io.saccade.protocol.message.MessageCodec;
import io.saccade.protocol.mqtt.TopicTree;
import io.saccade.protocol.time.NanoClock;
import io.saccade.runtime.agent.AgentRunner;
import io.saccade.runtime.mqtt.MqttPort;
import io.saccade.runtime.net.DatagramAgent;
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
 * Sends every decision as a signed datagram straight to the robot of its stream (the fast path: one
 * {@code sendto}, no broker hop), then on MQTT twice: the same signed bytes on the stream's signed topic (the
 * robot's fallback, which accepts nothing unsigned) and the JSON on its decisions topic (everybody else's feed).
 * The JSON is encoded and signed once for all three. Used by the decision thread only; a thread of its own reads the
 * robots' receipts from the same socket.
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
    /** Direct: a heap buffer would be copied into a temporary direct one on every send. */
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(DecisionDatagram.datagramLength(
        DecisionDatagram.MAX_PAYLOAD_LENGTH));
    private final Map<Long, Route> routes = new HashMap<>();
    private final AgentRunner receipts;

    /** Where a stream's decisions go: its two topics and its robot's address ({@code null} when not configured). */
    private record Route(String decisions, String signed, InetSocketAddress robot) {
    }

    /** Told about every valid receipt from a robot; runs on the receipt thread. */
    @FunctionalInterface
    public interface ReceiptListener {
        /**
         * @param streamId          the decision's stream.
         * @param frameSeq          the decided frame.
         * @param arrivedAfterMicros arrival at the robot after the frame's capture, on the robot's clock.
         */
        void delivered(long streamId, long frameSeq, long arrivedAfterMicros);
    }

    /**
     * @param mqtt     the broker connection.
     * @param topics   the topic tree.
     * @param datagram signs datagrams.
     * @param robots   where each stream's robot listens for decisions.
     * @param events   where deliveries and receipts are counted.
     * @param clock    monotonic time, for rate-limiting warnings.
     * @param receipt  checks the robots' receipts.
     * @param listener told about every valid receipt.
     * @throws IOException when no UDP socket can be opened.
     */
    public DecisionDelivery(final MqttPort mqtt, final TopicTree topics, final DecisionDatagram datagram,
                            final Map<Long, InetSocketAddress> robots, final EnumCounters<CoordinatorEvent> events,
                            final NanoClock clock, final DecisionReceipt receipt, final ReceiptListener listener)
        throws IOException {
        this.mqtt = mqtt;
        this.topics = topics;
        this.datagram = datagram;
        this.robots = Map.copyOf(robots);
        this.events = events;
        this.warnings = new RateLimitedLog(LOG, clock, TimeUnit.SECONDS.toNanos(5));
        this.channel = DatagramChannel.open().bind(null);
        this.receipts = DatagramAgent.run(channel, DecisionReceipt.LENGTH + 1, "receipts",
            (in, sender) -> onReceipt(receipt, listener, in));
    }

    /** A datagram on the socket decisions leave from: a robot's receipt, on the receipts agent's thread. */
    private void onReceipt(final DecisionReceipt receipt, final ReceiptListener listener, final ByteBuffer in) {
        if (receipt.verify(in) != DatagramVerdict.VALID) {
            events.increment(CoordinatorEvent.BAD_RECEIPT);
            return;
        }
        events.increment(CoordinatorEvent.RECEIPT);
        listener.delivered(DecisionReceipt.streamId(in), DecisionReceipt.frameSeq(in),
            DecisionReceipt.arrivedAfterCaptureMicros(in));
    }

    @Override
    public void deliver(final Decision decision) {
        final byte[] json = codec.encode(decision);
        final byte[] signed = sign(decision, json);
        final Route route = routes.computeIfAbsent(decision.streamId(),
            stream -> new Route(topics.decisions(stream), topics.signedDecisions(stream), robots.get(stream)));
        if (route.robot() == null) {
            events.increment(CoordinatorEvent.NO_ROBOT_ADDRESS);
        } else if (signed != null) {
            send(route.robot()); // the datagram is still in the buffer sign() wrote it to
        }
        final boolean published = (signed == null || mqtt.publish(route.signed(), signed, 0, false))
            & mqtt.publish(route.decisions(), json, 0, false);
        events.increment(published ? CoordinatorEvent.PUBLISHED : CoordinatorEvent.PUBLISH_DROPPED);
    }

    /** @return the signed datagram, or {@code null} when the decision is too large for one. */
    private byte[] sign(final Decision decision, final byte[] json) {
        try {
            datagram.write(buffer, decision.streamId(), decision.frameSeq(), decision.leader().epoch(), json);
        } catch (final IllegalArgumentException ex) {
            events.increment(CoordinatorEvent.UDP_FAILED);
            warnings.warn(() -> "a decision does not fit a datagram: " + ex.getMessage());
            return null;
        }
        final byte[] signed = new byte[buffer.remaining()];
        buffer.get(buffer.position(), signed); // absolute: the buffer is sent as it is
        return signed;
    }

    private void send(final InetSocketAddress robot) {
        try {
            channel.send(buffer, robot);
            events.increment(CoordinatorEvent.SENT_UDP);
        } catch (final IOException ex) {
            events.increment(CoordinatorEvent.UDP_FAILED);
            warnings.warn(() -> "cannot send a decision to " + robot + ": " + ex.getMessage());
        }
    }

    @Override
    public void close() {
        try {
            channel.close(); // ends the receipts agent's blocking read
        } catch (final IOException ex) {
            LOG.log(System.Logger.Level.DEBUG, "closing the decision socket: {0}", ex.getMessage());
        }
        receipts.close();
    }
}

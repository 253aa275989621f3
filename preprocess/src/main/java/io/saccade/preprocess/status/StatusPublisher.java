package io.saccade.preprocess.status;

import io.saccade.protocol.mqtt.TopicTree;
import io.saccade.runtime.agent.PeriodicAgent;
import io.saccade.runtime.mqtt.MqttConfig;
import io.saccade.runtime.mqtt.MqttEvent;
import io.saccade.runtime.mqtt.MqttIdentity;
import io.saccade.runtime.mqtt.SignedMqtt;
import io.saccade.runtime.telemetry.EnumCounters;
import java.time.Clock;
import java.util.concurrent.TimeUnit;

/**
 * Keeps the node's retained status current on the broker: signed, on every (re)connect and every period, from the
 * node's housekeeping agent so that statuses leave in the order they were made; its OFFLINE form as the Last Will, and
 * said once more
 * on a clean stop. The node works without the broker: statuses are then dropped and counted.
 */
public final class StatusPublisher implements AutoCloseable {
    private final NodeStatus status;
    private final SignedMqtt broker;

    /**
     * Connects in the background and starts reporting.
     *
     * @param mqtt         the broker.
     * @param identity     the node's identity on it (signs with the cluster key).
     * @param topics       the topic tree.
     * @param status       what to report.
     * @param periodMillis how often.
     * @param events       where connection events are counted.
     * @param reporter     the agent statuses are published from; not started yet.
     */
    public StatusPublisher(final MqttConfig mqtt, final MqttIdentity identity, final TopicTree topics,
                           final NodeStatus status, final long periodMillis, final EnumCounters<MqttEvent> events,
                           final PeriodicAgent reporter) {
        this.status = status;
        this.broker = SignedMqtt.start(mqtt, identity, topics, () -> status.offline("connection lost"),
            connected -> reporter.execute(() -> publish(connected)), () -> { }, events, Clock.systemUTC());
        final long period = TimeUnit.MILLISECONDS.toNanos(periodMillis);
        reporter.every(period, period, () -> publish(broker));
    }

    private void publish(final SignedMqtt connection) {
        connection.publish(status.current(), 1, true);
    }

    /** Says OFFLINE (a clean disconnect leaves no Will) and disconnects. */
    @Override
    public void close() {
        broker.publish(status.offline("stopped"), 1, true);
        broker.close();
    }
}

package io.saccade.runtime.mqtt;

/**
 * The message the broker publishes for a service whose connection dies without a clean disconnect: its retained
 * status, saying it is offline.
 *
 * @param topic   the status topic.
 * @param payload the offline status.
 */
public record MqttWill(String topic, byte[] payload) {
    /** Validates the Will. */
    public MqttWill {
        if (topic == null || topic.isEmpty() || payload == null) {
            throw new IllegalArgumentException("a Will needs a topic and a payload");
        }
    }
}

package io.saccade.runtime.mqtt;

import java.util.function.BiConsumer;

/** A service's connection to the broker. Publishing never blocks and never queues. */
public interface MqttPort extends AutoCloseable {
    /**
     * Publishes if connected; otherwise the message is dropped and counted.
     *
     * @param topic    the topic.
     * @param payload  the payload.
     * @param qos      0, 1 or 2.
     * @param retained whether the broker keeps it for late subscribers.
     * @return whether it was handed to the client.
     */
    boolean publish(String topic, byte[] payload, int qos, boolean retained);

    /**
     * Subscribes now and again after every reconnect. The handler runs on the client's thread and must not block.
     * One handler per filter: a second subscription to the same filter is refused.
     *
     * @param filter  a topic filter.
     * @param qos     the subscription's QoS.
     * @param handler receives topic and payload.
     * @throws IllegalArgumentException when the filter is subscribed already.
     */
    void subscribe(String filter, int qos, BiConsumer<String, byte[]> handler);

    /** @return whether the broker is connected now. */
    boolean isConnected();

    /** Disconnects cleanly (no Will) and stops reconnecting. */
    @Override
    void close();
}

package io.saccade.runtime.mqtt;

import io.saccade.protocol.auth.MessageCounter;
import io.saccade.protocol.auth.ReplayGuard;
import io.saccade.protocol.message.Message;
import io.saccade.protocol.message.MessageCodec;
import io.saccade.protocol.mqtt.SignedEnvelope;
import io.saccade.protocol.mqtt.TopicTree;
import io.saccade.runtime.telemetry.EnumCounters;
import java.time.Clock;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A service's broker connection for the signed topics (spec: {@code protocol/spec/signed-envelope.md}): messages go
 * out sealed, on the one topic each belongs on; what comes in is opened by a {@link MessageOpener}, and only what it
 * accepts reaches a handler. The Will is sealed anew before every connection attempt and starts a new session. A
 * few topics stay unsigned on purpose (the decisions' JSON copy, sampled ledgers, and the decision datagrams, which
 * carry their own tag): {@link #publishUnsigned} and {@link #subscribeUnsigned}.
 */
public final class SignedMqtt implements AutoCloseable {
    /** Senders one service remembers for replay checks. */
    private static final int MAX_SENDERS = 1_024;

    private final TopicTree topics;
    private final MessageCodec codec = new MessageCodec();
    private final MessageSealer sealer;
    private final MessageOpener opener;
    private final PahoMqttPort port;

    private SignedMqtt(final MqttConfig settings, final MqttIdentity identity, final TopicTree topics,
                       final Supplier<? extends Message> will, final Consumer<SignedMqtt> onConnected,
                       final Runnable onLost, final EnumCounters<MqttEvent> events, final Clock wallClock) {
        this.topics = topics;
        this.sealer = new MessageSealer(identity.sender(), identity.signing(),
            new MessageCounter(() -> wallClock.millis() * 1_000));
        this.opener = new MessageOpener(identity.keys(), topics, new ReplayGuard(MAX_SENDERS,
            identity.maxClockSkewMillis() * 1_000), () -> wallClock.millis() * 1_000,
            new EnumCounters<>(InboundEvent.class));
        this.port = PahoMqttPort.create(settings, identity.sender(), will == null ? null : () -> sealWill(will.get()),
            () -> onConnected.accept(this), onLost, events);
    }

    /**
     * Starts connecting in the background and returns at once.
     *
     * @param settings    the broker.
     * @param identity    who this service is and the keys it holds.
     * @param topics      the topic tree.
     * @param will        the message the broker publishes when this connection dies, computed before every
     *                    connection attempt; {@code null} for none.
     * @param onConnected runs after every (re)connect with this connection (to publish retained state); must not
     *                    block for long.
     * @param onLost      runs when an established connection is lost; must not block.
     * @param events      where connection events are counted.
     * @param wallClock   wall time: message counters and the replay checks' clock.
     * @return the connection.
     */
    public static SignedMqtt start(final MqttConfig settings, final MqttIdentity identity, final TopicTree topics,
                                   final Supplier<? extends Message> will, final Consumer<SignedMqtt> onConnected,
                                   final Runnable onLost, final EnumCounters<MqttEvent> events,
                                   final Clock wallClock) {
        final SignedMqtt mqtt = new SignedMqtt(settings, identity, topics, will, onConnected, onLost, events,
            wallClock);
        mqtt.port.begin(); // only now: onConnected may use the connection the moment it is up
        return mqtt;
    }

    /**
     * Seals and publishes a message on its topic ({@link TopicTree#of}).
     * <p>
     * Only the types of {@link SignedEnvelope#CARRIES}.
     *
     * @param message  the message.
     * @param qos      0, 1 or 2.
     * @param retained whether the broker keeps it for late subscribers.
     * @return whether it was handed to the client.
     */
    public boolean publish(final Message message, final int qos, final boolean retained) {
        requireSigned(message.getClass());
        final String topic = topics.of(message);
        final byte[] json = codec.encode(message);
        synchronized (sealer) { // counters leave in the order they were taken
            return port.publish(topic, sealer.seal(topic, json), qos, retained);
        }
    }

    /**
     * Publishes bytes as they are, on a topic that is not signed.
     *
     * @param topic    the topic.
     * @param payload  the payload.
     * @param qos      0, 1 or 2.
     * @param retained whether the broker keeps it.
     * @return whether it was handed to the client.
     */
    public boolean publishUnsigned(final String topic, final byte[] payload, final int qos, final boolean retained) {
        return port.publish(topic, payload, qos, retained);
    }

    /**
     * Subscribes to a signed topic; the handler sees only messages the opener accepted, on the client's thread.
     *
     * @param filter  a topic filter.
     * @param qos     the subscription's QoS.
     * @param type    the message type the topics carry.
     * @param handler receives what was accepted; must not block.
     * @param <T>     that type.
     */
    public <T extends Message> void subscribe(final String filter, final int qos, final Class<T> type,
                                              final Consumer<MessageOpener.Opened<T>> handler) {
        requireSigned(type);
        port.subscribe(filter, qos, (topic, payload) -> {
            final MessageOpener.Opened<T> opened = opener.open(topic, payload, type);
            if (opened != null) {
                handler.accept(opened);
            }
        });
    }

    /**
     * Subscribes to a topic that is not signed (the handler checks what it needs itself).
     *
     * @param filter  a topic filter.
     * @param qos     the subscription's QoS.
     * @param handler receives topic and payload; must not block.
     */
    public void subscribeUnsigned(final String filter, final int qos, final BiConsumer<String, byte[]> handler) {
        port.subscribe(filter, qos, handler);
    }

    /** @return whether the broker is connected now. */
    public boolean isConnected() {
        return port.isConnected();
    }

    /** @return what happened to the messages that arrived on signed topics, by reason. */
    public EnumCounters<InboundEvent> inbound() {
        return opener.events();
    }

    /** @return the connection underneath, for waiting on it. */
    public PahoMqttPort port() {
        return port;
    }

    /** Disconnects cleanly (no Will) and stops reconnecting. */
    @Override
    public void close() {
        port.close();
    }

    private static void requireSigned(final Class<?> type) {
        if (!SignedEnvelope.CARRIES.contains(type)) {
            throw new IllegalArgumentException(type.getSimpleName() + " does not travel in a signed envelope");
        }
    }

    private MqttWill sealWill(final Message will) {
        final String topic = topics.of(will);
        return new MqttWill(topic, sealer.sealWill(topic, codec.encode(will)));
    }
}

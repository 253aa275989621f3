package io.saccade.runtime.mqtt;

import io.saccade.protocol.auth.KeyRing;
import io.saccade.protocol.auth.KeyRole;
import io.saccade.protocol.auth.MessageAuthenticator;
import io.saccade.protocol.auth.ReplayGuard;
import io.saccade.protocol.auth.ReplayVerdict;
import io.saccade.protocol.message.InvalidMessageException;
import io.saccade.protocol.message.Message;
import io.saccade.protocol.message.MessageCodec;
import io.saccade.protocol.mqtt.EnvelopeVerdict;
import io.saccade.protocol.mqtt.SignedEnvelope;
import io.saccade.protocol.mqtt.TopicTree;
import io.saccade.runtime.telemetry.EnumCounters;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Opens signed envelopes from the broker and believes nothing before it has checked, in this order: the envelope's
 * shape, the key (held, and of a role that may vouch for the message), the tag over topic and bytes, the counter
 * against replays, the JSON, and that the message belongs on the topic it came on. Every refusal is counted by
 * reason; nothing refused reaches the service. Thread-safe.
 */
public final class MessageOpener {
    private final Map<KeyRole, MessageAuthenticator> authenticators = new EnumMap<>(KeyRole.class);
    private final Map<Integer, KeyRole> roles = new HashMap<>();
    private final TopicTree topics;
    private final ReplayGuard replays;
    private final LongSupplier wallMicros;
    private final MessageCodec codec = new MessageCodec();
    private final EnumCounters<InboundEvent> events;

    /**
     * What an accepted envelope held.
     *
     * @param message the message.
     * @param sender  the sender's id.
     * @param role    the role of the key that signed it.
     * @param will    whether it is its sender's Last Will.
     * @param <T>     the message type.
     */
    public record Opened<T extends Message>(T message, String sender, KeyRole role, boolean will) {
    }

    /**
     * @param keys       the rings of the roles this service accepts; no key id may be in two of them.
     * @param topics     the topic tree, to check where messages belong.
     * @param replays    the replay state.
     * @param wallMicros wall clock, microseconds since the epoch.
     * @param events     where outcomes are counted.
     */
    public MessageOpener(final Map<KeyRole, KeyRing> keys, final TopicTree topics, final ReplayGuard replays,
                         final LongSupplier wallMicros, final EnumCounters<InboundEvent> events) {
        keys.forEach((role, ring) -> {
            authenticators.put(role, new MessageAuthenticator(ring));
            ring.keys().forEach(key -> {
                final KeyRole other = roles.putIfAbsent(key.id(), role);
                if (other != null) {
                    throw new IllegalArgumentException("key id " + key.id() + " is both a " + other + " and a "
                        + role + " key: every key needs an id of its own");
                }
            });
        });
        this.topics = topics;
        this.replays = replays;
        this.wallMicros = wallMicros;
        this.events = events;
    }

    /**
     * @param topic    the topic the payload arrived on.
     * @param envelope the payload.
     * @param type     the message type the topic carries.
     * @param <T>      that type.
     * @return what it held, or {@code null} when it was refused (and counted).
     */
    public synchronized <T extends Message> Opened<T> open(final String topic, final byte[] envelope,
                                                           final Class<T> type) {
        final KeyRole role = authenticate(topic, envelope);
        if (role == null) {
            return null;
        }
        final boolean will = SignedEnvelope.isWill(envelope);
        final String sender = SignedEnvelope.sender(envelope);
        final ReplayVerdict fresh = replays.check(sender, topic, SignedEnvelope.counter(envelope),
            SignedEnvelope.session(envelope), will, wallMicros.getAsLong());
        if (fresh != ReplayVerdict.FRESH) {
            return refuse(switch (fresh) {
                case DUPLICATE -> InboundEvent.DUPLICATE;
                case FUTURE -> InboundEvent.FUTURE_COUNTER;
                case STALE_WILL -> InboundEvent.STALE_WILL;
                default -> InboundEvent.REPLAYED;
            });
        }
        final T message;
        try {
            message = codec.decode(envelope, SignedEnvelope.payloadOffset(envelope),
                SignedEnvelope.payloadLength(envelope), type);
        } catch (final InvalidMessageException ex) {
            return refuse(InboundEvent.BAD_PAYLOAD);
        }
        if (!role.mayVouchFor(message)) {
            return refuse(InboundEvent.WRONG_KEY_ROLE);
        }
        if (!topics.of(message).equals(topic)) {
            return refuse(InboundEvent.WRONG_TOPIC);
        }
        events.increment(InboundEvent.ACCEPTED);
        return new Opened<>(message, sender, role, will);
    }

    /** Checks shape, key and tag; returns the key's role, or {@code null} (counted) when any fails. */
    private KeyRole authenticate(final String topic, final byte[] envelope) {
        final EnvelopeVerdict shape = SignedEnvelope.check(envelope);
        if (shape != EnvelopeVerdict.VALID) {
            refuse(shape == EnvelopeVerdict.BAD_MAGIC ? InboundEvent.UNSIGNED : InboundEvent.MALFORMED_ENVELOPE);
            return null;
        }
        final KeyRole role = roles.get(SignedEnvelope.keyId(envelope));
        if (role == null) {
            refuse(InboundEvent.UNKNOWN_KEY);
            return null;
        }
        if (SignedEnvelope.verify(authenticators.get(role), topic, envelope) != EnvelopeVerdict.VALID) {
            refuse(InboundEvent.BAD_MAC);
            return null;
        }
        return role;
    }

    private <T extends Message> Opened<T> refuse(final InboundEvent reason) {
        events.increment(reason);
        return null;
    }

    /** @return what was counted. */
    public EnumCounters<InboundEvent> events() {
        return events;
    }
}

package io.saccade.protocol.auth;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Refuses authenticated MQTT messages that are replays (spec: {@code protocol/spec/signed-envelope.md}). Every
 * sender counts its messages with one counter that never goes back, not even across restarts (it starts at the
 * sender's wall clock in microseconds, {@link MessageCounter}); a receiver accepts a message on a topic only when its
 * counter is above the last one it accepted from that sender on that topic. Per topic, because the broker hands out
 * a topic's retained message long after newer ones on other topics. A counter above this receiver's wall clock plus
 * the skew allowance is refused too: accepted, it would lock the real sender out until the clock got there.
 * <p>
 * A Last Will is signed when the sender connects and published by the broker only when the connection dies, so its
 * counter is older than the sender's later messages on the same topic. Each message names the counter of the Will
 * of its sender's current connection (its session); a Will is accepted when it is not older than the newest
 * session seen from its sender, once.
 * <p>
 * Bounded: at most {@code maxSenders} senders, each with at most {@value #TOPICS_PER_SENDER} topics, the least
 * recently heard forgotten first (only key holders can create entries). Thread-safe.
 */
public final class ReplayGuard {
    /** Topics remembered per sender. */
    public static final int TOPICS_PER_SENDER = 256;

    private final long skewMicros;
    private final Map<String, Sender> senders;

    /** What is known of one sender; mutated in place, so a steady stream of messages allocates nothing. */
    private static final class Sender {
        private final Map<String, long[]> highest = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(final Map.Entry<String, long[]> eldest) {
                return size() > TOPICS_PER_SENDER;
            }
        };
        private long session;
        private long lastWill;
    }

    /**
     * @param maxSenders how many senders are remembered.
     * @param skewMicros how far a sender's clock may run ahead of this receiver's.
     */
    public ReplayGuard(final int maxSenders, final long skewMicros) {
        if (maxSenders < 1 || skewMicros < 0) {
            throw new IllegalArgumentException("maxSenders must be positive and skewMicros not negative, got "
                + maxSenders + ", " + skewMicros);
        }
        this.skewMicros = skewMicros;
        this.senders = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(final Map.Entry<String, Sender> eldest) {
                return size() > maxSenders;
            }
        };
    }

    /**
     * Checks an authenticated message and, when it is fresh, remembers its counter.
     *
     * @param sender    the sender's id, from the authenticated envelope.
     * @param topic     the topic it arrived on.
     * @param counter   its counter, positive.
     * @param session   the counter of its sender's current Will, 0..counter.
     * @param will      whether it is that Will.
     * @param nowMicros this receiver's wall clock, microseconds since the epoch.
     * @return {@link ReplayVerdict#FRESH}, or why it is refused.
     */
    public synchronized ReplayVerdict check(final String sender, final String topic, final long counter,
                                            final long session, final boolean will, final long nowMicros) {
        if (counter - skewMicros > nowMicros) { // counter > 0 and skew >= 0: the subtraction cannot overflow
            return ReplayVerdict.FUTURE;
        }
        Sender known = senders.get(sender);
        if (known == null) {
            known = new Sender();
            senders.put(sender, known);
        }
        return will ? will(known, counter) : message(known, topic, counter, session);
    }

    private static ReplayVerdict will(final Sender sender, final long counter) {
        if (counter < sender.session) {
            return ReplayVerdict.STALE_WILL;
        }
        if (counter == sender.lastWill) {
            return ReplayVerdict.DUPLICATE;
        }
        sender.lastWill = counter;
        sender.session = counter;
        return ReplayVerdict.FRESH;
    }

    private static ReplayVerdict message(final Sender sender, final String topic, final long counter,
                                         final long session) {
        long[] highest = sender.highest.get(topic);
        if (highest == null) {
            highest = new long[1];
            sender.highest.put(topic, highest);
        } else if (counter <= highest[0]) {
            return counter == highest[0] ? ReplayVerdict.DUPLICATE : ReplayVerdict.REPLAYED;
        }
        highest[0] = counter;
        sender.session = Math.max(sender.session, session);
        return ReplayVerdict.FRESH;
    }

    /** @return how many senders are remembered. */
    public synchronized int senders() {
        return senders.size();
    }
}

package io.saccade.runtime.telemetry;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * One monotonically increasing counter per constant of an enum: drops by reason, errors by kind. Incrementing
 * allocates nothing and takes no lock; any thread may read.
 *
 * @param <E> the enum naming the counters.
 */
public final class EnumCounters<E extends Enum<E>> {
    private final Class<E> type;
    private final AtomicLongArray counts;

    /**
     * @param type the enum.
     */
    public EnumCounters(final Class<E> type) {
        this.type = type;
        this.counts = new AtomicLongArray(type.getEnumConstants().length);
    }

    /**
     * @param key which counter.
     */
    public void increment(final E key) {
        counts.incrementAndGet(key.ordinal());
    }

    /**
     * @param key   which counter.
     * @param delta how much to add.
     */
    public void add(final E key, final long delta) {
        counts.addAndGet(key.ordinal(), delta);
    }

    /**
     * @param key which counter.
     * @return its value.
     */
    public long get(final E key) {
        return counts.get(key.ordinal());
    }

    /** @return the enum naming the counters. */
    public Class<E> type() {
        return type;
    }

    /** @return every counter's value, in declaration order. */
    public Map<E, Long> snapshot() {
        final Map<E, Long> values = new EnumMap<>(type);
        for (final E key : type.getEnumConstants()) {
            values.put(key, get(key));
        }
        return values;
    }

    @Override
    public String toString() {
        return snapshot().toString();
    }
}

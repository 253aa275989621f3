package io.saccade.coordinator.ledger;

import java.util.Arrays;
import java.util.function.LongConsumer;

/**
 * The last {@code capacity} samples of one hop: when frames reached it (after capture) and how long the step from
 * the previous hop took, with the wall-clock second each was seen, for the dashboard's per-second series. Every step
 * is also handed to the row's listener. Not thread-safe: its owner synchronises, and computes statistics on a
 * {@link #copy()}.
 */
final class HopStats {
    private final long[] at;
    private final long[] step;
    private final long[] second;
    private final LongConsumer listener;
    private int next;
    private int size;

    HopStats(final int capacity, final LongConsumer listener) {
        this(new long[capacity], new long[capacity], new long[capacity], listener, 0, 0);
    }

    private HopStats(final long[] at, final long[] step, final long[] second, final LongConsumer listener,
                     final int next, final int size) {
        this.at = at;
        this.step = step;
        this.second = second;
        this.listener = listener;
        this.next = next;
        this.size = size;
    }

    void add(final long atMicros, final long stepMicros, final long wallMillis) {
        at[next] = atMicros;
        step[next] = stepMicros;
        second[next] = wallMillis / 1_000;
        next = (next + 1) % at.length;
        size = Math.min(size + 1, at.length);
        listener.accept(stepMicros);
    }

    /** @return the samples held, detached from this row and its listener. */
    HopStats copy() {
        return new HopStats(Arrays.copyOf(at, size), Arrays.copyOf(step, size), Arrays.copyOf(second, size),
            unused -> { }, 0, size);
    }

    int size() {
        return size;
    }

    long[] at() {
        return sorted(at);
    }

    long[] steps() {
        return sorted(step);
    }

    /**
     * @param fromSecond first wall-clock second wanted (epoch seconds).
     * @param seconds    how many.
     * @return per second, the median time after capture, or -1 for a second without samples.
     */
    long[] medianPerSecond(final long fromSecond, final int seconds) {
        final int[] counts = new int[seconds + 1];
        for (int i = 0; i < size; i++) {
            final long bucket = second[i] - fromSecond;
            if (bucket >= 0 && bucket < seconds) {
                counts[(int)bucket + 1]++;
            }
        }
        for (int s = 0; s < seconds; s++) {
            counts[s + 1] += counts[s]; // counts[s] is now where second s starts in the bucketed array
        }
        final long[] bucketed = new long[counts[seconds]];
        final int[] fill = Arrays.copyOf(counts, seconds);
        for (int i = 0; i < size; i++) {
            final long bucket = second[i] - fromSecond;
            if (bucket >= 0 && bucket < seconds) {
                bucketed[fill[(int)bucket]++] = at[i];
            }
        }
        final long[] medians = new long[seconds];
        for (int s = 0; s < seconds; s++) {
            final int from = counts[s];
            final int to = counts[s + 1];
            if (from == to) {
                medians[s] = -1;
            } else {
                Arrays.sort(bucketed, from, to);
                medians[s] = bucketed[from + (to - from - 1) / 2];
            }
        }
        return medians;
    }

    private long[] sorted(final long[] values) {
        final long[] copy = Arrays.copyOf(values, size);
        Arrays.sort(copy);
        return copy;
    }
}

package io.saccade.coordinator.ledger;

import java.util.Arrays;

/**
 * The last {@code capacity} samples of one hop: when frames reached it (after capture) and how long the step from
 * the previous hop took, with the wall-clock second each was seen, for the dashboard's per-second series. Not
 * thread-safe: its owner synchronises.
 */
final class HopStats {
    private final long[] at;
    private final long[] step;
    private final long[] second;
    private int next;
    private int size;

    HopStats(final int capacity) {
        at = new long[capacity];
        step = new long[capacity];
        second = new long[capacity];
    }

    void add(final long atMicros, final long stepMicros, final long wallMillis) {
        at[next] = atMicros;
        step[next] = stepMicros;
        second[next] = wallMillis / 1_000;
        next = (next + 1) % at.length;
        size = Math.min(size + 1, at.length);
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
        final long[] medians = new long[seconds];
        Arrays.fill(medians, -1);
        final long[] bucket = new long[size];
        for (int s = 0; s < seconds; s++) {
            int count = 0;
            for (int i = 0; i < size; i++) {
                if (second[i] == fromSecond + s) {
                    bucket[count++] = at[i];
                }
            }
            if (count > 0) {
                Arrays.sort(bucket, 0, count);
                medians[s] = bucket[(count - 1) / 2];
            }
        }
        return medians;
    }

    private long[] sorted(final long[] values) {
        final long[] copy = Arrays.copyOf(values, size);
        Arrays.sort(copy);
        return copy;
    }

    /**
     * @param sorted ascending values, at least one.
     * @param q      quantile in [0, 1].
     * @return the nearest-rank quantile.
     */
    static long quantile(final long[] sorted, final double q) {
        final int rank = (int)Math.ceil(q * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}

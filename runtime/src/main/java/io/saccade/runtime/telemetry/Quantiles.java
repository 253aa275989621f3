package io.saccade.runtime.telemetry;

/** Quantiles of sorted samples, for the ledger statistics and the benchmark reports. */
public final class Quantiles {
    private Quantiles() {
    }

    /**
     * @param sorted ascending values, at least one.
     * @param q      quantile in [0, 1].
     * @return the nearest-rank quantile: the smallest value with at least {@code q} of the samples at or below it.
     */
    public static long nearestRank(final long[] sorted, final double q) {
        final int rank = (int)Math.ceil(q * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}

package io.saccade.bench;

import org.HdrHistogram.Histogram;

/** Formats the percentiles of a histogram of nanoseconds in the unit a table asks for. */
final class Percentiles {
    private Percentiles() {
    }

    static Histogram nanos() {
        return new Histogram(3_600_000_000_000L, 3);
    }

    static String micros(final Histogram histogram, final double percentile) {
        return String.format("%.0f", histogram.getValueAtPercentile(percentile) / 1_000.0);
    }

    static String millis(final Histogram histogram, final double percentile) {
        return String.format("%.2f", histogram.getValueAtPercentile(percentile) / 1_000_000.0);
    }
}

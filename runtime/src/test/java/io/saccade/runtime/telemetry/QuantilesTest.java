package io.saccade.runtime.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class QuantilesTest {
    @Test
    void shouldTakeTheSmallestValueWithTheShareAtOrBelowIt() {
        final long[] hundred = LongStream.rangeClosed(1, 100).toArray();

        assertEquals(50, Quantiles.nearestRank(hundred, 0.5));
        assertEquals(99, Quantiles.nearestRank(hundred, 0.99));
        assertEquals(100, Quantiles.nearestRank(hundred, 1.0));
        assertEquals(1, Quantiles.nearestRank(hundred, 0.0));
        assertEquals(7, Quantiles.nearestRank(new long[] {7}, 0.99));
    }
}

package io.saccade.protocol.clock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class OffsetEstimatorTest {
    /** The robot's clock runs 5 s ahead of the node's. */
    private static final long TRUE_OFFSET = 5_000_000_000L;

    @Test
    void shouldFindTheOffsetOfASymmetricExchangeExactly() {
        final ClockSample sample = exchange(1_000_000, 200_000, 200_000, 50_000);

        assertEquals(TRUE_OFFSET, sample.offsetNanos());
        assertEquals(400_000, sample.delayNanos());
    }

    @Test
    void shouldTrustTheShortestRoundTripAndBoundTheErrorByHalfOfIt() {
        final OffsetEstimator estimator = new OffsetEstimator(4);
        estimator.add(exchange(1_000_000, 3_000_000, 100_000, 0));  // queued on the way out: 1.45 ms off
        estimator.add(exchange(9_000_000, 100_000, 300_000, 0));    // asymmetric, but short: 0.1 ms off
        estimator.add(exchange(20_000_000, 100_000, 2_000_000, 0)); // queued on the way back

        final ClockOffset offset = estimator.estimate(9_400_000);

        assertEquals(TRUE_OFFSET - 100_000, offset.robotMinusNodeNanos());
        assertEquals(200_000, offset.uncertaintyNanos());
        final long error = Math.abs(offset.robotMinusNodeNanos() - TRUE_OFFSET);
        assertEquals(true, error <= offset.uncertaintyNanos(), "the true offset lies within the uncertainty");
    }

    @Test
    void shouldWidenTheUncertaintyByTheDriftAllowedSinceTheBestSample() {
        final OffsetEstimator estimator = new OffsetEstimator(4);
        estimator.add(exchange(0, 50_000, 50_000, 0));

        assertEquals(50_000, estimator.estimate(100_000).uncertaintyNanos());
        assertEquals(50_000 + 100_000, estimator.estimate(100_000 + 1_000_000_000L).uncertaintyNanos(),
            "100 ppm of a second is 100 us");
    }

    @Test
    void shouldForgetSamplesThatLeftTheWindow() {
        final OffsetEstimator estimator = new OffsetEstimator(2);
        estimator.add(exchange(0, 10_000, 10_000, 0));
        estimator.add(exchange(1_000_000, 400_000, 400_000, 0));
        estimator.add(exchange(2_000_000, 300_000, 300_000, 0));

        assertEquals(300_000, estimator.estimate(2_600_000).uncertaintyNanos());
        assertNull(new OffsetEstimator(2).estimate(3_000_000));
    }

    @Test
    void shouldStartOverWhenTheRobotsClockJumps() {
        final OffsetEstimator estimator = new OffsetEstimator(8);
        assertEquals(false, estimator.add(exchange(0, 10_000, 10_000, 0)));
        assertEquals(false, estimator.add(exchange(1_000_000, 900_000, 100_000, 0)), "asymmetric but consistent");

        final long restarted = 3_000_000_000L;
        final ClockSample afterRestart = new ClockSample(5_000_000, 5_050_000 - restarted + TRUE_OFFSET,
            5_050_000 - restarted + TRUE_OFFSET, 5_100_000);

        assertEquals(true, estimator.add(afterRestart));
        assertEquals(TRUE_OFFSET - restarted, estimator.estimate(5_100_000).robotMinusNodeNanos());
    }

    @Test
    void shouldHandTheBestSampleToOtherThreadsThroughTheTable() {
        final ClockTable table = new ClockTable();
        assertNull(table.offset(3, 0));

        table.update(3, exchange(0, 20_000, 20_000, 0));

        assertEquals(TRUE_OFFSET, table.offset(3, 40_000).robotMinusNodeNanos());
        assertEquals(20_000 + 100, table.offset(3, 40_000 + 1_000_000).uncertaintyNanos());
        assertNull(table.offset(4, 0));
        table.forget(3);
        assertNull(table.offset(3, 0));
    }

    @Test
    void shouldRefuseStampsThatRunBackwards() {
        assertThrows(IllegalArgumentException.class, () -> new ClockSample(10, 0, 0, 5));
        assertThrows(IllegalArgumentException.class, () -> new ClockSample(0, 10, 5, 20));
        assertThrows(IllegalArgumentException.class, () -> new OffsetEstimator(0));
    }

    /**
     * @param originNanos node time the request leaves.
     * @param outNanos    one-way delay node -> robot.
     * @param backNanos   one-way delay robot -> node.
     * @param turnNanos   the robot's turnaround.
     */
    private static ClockSample exchange(final long originNanos, final long outNanos, final long backNanos,
                                        final long turnNanos) {
        final long receive = originNanos + outNanos + TRUE_OFFSET;
        final long transmit = receive + turnNanos;
        return new ClockSample(originNanos, receive, transmit, transmit - TRUE_OFFSET + backNanos);
    }
}

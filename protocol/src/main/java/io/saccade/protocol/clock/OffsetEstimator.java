package io.saccade.protocol.clock;

import java.util.Arrays;

/**
 * Turns probe samples into a clock offset the way NTP's clock filter does: of the last few samples, trust the one
 * with the shortest round trip (queueing only ever adds delay, and adds it asymmetrically), and widen its
 * uncertainty by how far the two oscillators may have drifted apart since. A sample that contradicts the best one
 * beyond both their uncertainties means the other clock jumped (the robot restarted): the window starts over from
 * it. Single-threaded.
 */
public final class OffsetEstimator {
    /** Drift allowed between two quartz clocks, parts per million: generous for boards without NTP discipline. */
    public static final long DRIFT_PPM = 100;

    private final ClockSample[] window;
    private int next;
    private int size;

    /**
     * @param samples how many recent samples to choose from.
     */
    public OffsetEstimator(final int samples) {
        if (samples < 1) {
            throw new IllegalArgumentException("need a window of at least one sample, not " + samples);
        }
        this.window = new ClockSample[samples];
    }

    /**
     * @param sample a completed exchange; replaces the oldest once the window is full.
     * @return whether it contradicted what the window held, which was then forgotten.
     */
    public boolean add(final ClockSample sample) {
        final ClockSample best = best();
        final boolean jumped = best != null && Math.abs(sample.offsetNanos() - best.offsetNanos())
            > offset(best, sample.arrivalNanos()).uncertaintyNanos() + sample.delayNanos() / 2;
        if (jumped) {
            Arrays.fill(window, null);
            next = 0;
            size = 0;
        }
        window[next] = sample;
        next = (next + 1) % window.length;
        size = Math.min(size + 1, window.length);
        return jumped;
    }

    /** @return the sample with the shortest delay in the window, or {@code null} before the first. */
    public ClockSample best() {
        ClockSample best = null;
        for (int i = 0; i < size; i++) {
            if (best == null || window[i].delayNanos() < best.delayNanos()) {
                best = window[i];
            }
        }
        return best;
    }

    /**
     * @param nowNanos now, on the node's clock.
     * @return the offset from the sample with the shortest delay, or {@code null} before the first sample.
     */
    public ClockOffset estimate(final long nowNanos) {
        final ClockSample best = best();
        return best == null ? null : offset(best, nowNanos);
    }

    /**
     * @param best     the sample to trust.
     * @param nowNanos now, on the node's clock.
     * @return its offset, uncertain by half its delay plus the drift allowed since it was taken.
     */
    public static ClockOffset offset(final ClockSample best, final long nowNanos) {
        final long age = Math.max(0, nowNanos - best.arrivalNanos());
        // 1 ppm of one millisecond is one nanosecond
        return new ClockOffset(best.offsetNanos(), best.delayNanos() / 2 + age / 1_000_000 * DRIFT_PPM);
    }
}

package io.saccade.protocol.message;

import java.util.function.LongSupplier;

/**
 * How far in the future a leadership epoch may lie. Leaders take epochs from their wall clock in milliseconds (and
 * one above the highest seen), so an honest epoch is never far ahead of a receiver's clock; one that is would fence
 * every real leader off until the clocks got there, which is what a forged far-future epoch is for. Receivers refuse
 * an epoch beyond their wall clock plus the allowed skew, before they compare or add to it.
 */
public final class EpochBound {
    private final LongSupplier wallMillis;
    private final long skewMillis;

    /**
     * @param wallMillis this receiver's wall clock, milliseconds since the epoch.
     * @param skewMillis how far a leader's clock may run ahead of it; not negative.
     */
    public EpochBound(final LongSupplier wallMillis, final long skewMillis) {
        if (skewMillis < 0) {
            throw new IllegalArgumentException("the clock skew allowance must not be negative, got " + skewMillis);
        }
        this.wallMillis = wallMillis;
        this.skewMillis = skewMillis;
    }

    /**
     * @param epoch a leadership epoch from outside, not negative.
     * @return whether it is not beyond the wall clock plus the skew.
     */
    public boolean admits(final long epoch) {
        return epoch - skewMillis <= wallMillis.getAsLong(); // epoch >= 0 and skew >= 0: cannot overflow
    }

    /**
     * @param stamp a leadership from outside.
     * @return whether its epoch is admitted.
     */
    public boolean admits(final LeaderStamp stamp) {
        return admits(stamp.epoch());
    }
}

package io.saccade.protocol.clock;

/**
 * What a node knows about the robot's clock: the robot's clock reads {@code robotMinusNodeNanos} more than the
 * node's, give or take {@code uncertaintyNanos}.
 *
 * @param robotMinusNodeNanos robot clock minus node clock.
 * @param uncertaintyNanos    how far off that may be: half the best probe's delay, plus drift since it was taken.
 */
public record ClockOffset(long robotMinusNodeNanos, long uncertaintyNanos) {
    /** Checks the uncertainty is a distance. */
    public ClockOffset {
        if (uncertaintyNanos < 0) {
            throw new IllegalArgumentException("uncertainty must not be negative: " + uncertaintyNanos);
        }
    }

    /**
     * @param nodeNanos a time on the node's clock.
     * @return the same instant on the robot's clock.
     */
    public long toRobot(final long nodeNanos) {
        return nodeNanos + robotMinusNodeNanos;
    }
}

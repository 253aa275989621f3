package io.saccade.protocol.message;

/** What the robot is told to do, from least to most restrictive. */
public enum Action {
    /** Carry on. */
    GO,
    /** Slow down: something relevant is near, or the evidence is not effective any more. */
    SLOW,
    /** Stop: something is in the way, or there is no fresh evidence. */
    STOP;

    /**
     * @param other another action.
     * @return the more restrictive of the two.
     */
    public Action atLeast(final Action other) {
        return compareTo(other) >= 0 ? this : other;
    }
}

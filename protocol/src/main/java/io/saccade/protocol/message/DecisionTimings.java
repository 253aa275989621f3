package io.saccade.protocol.message;

/**
 * When the decided frame passed each step on the leader's node, on that node's monotonic clock in nanoseconds.
 *
 * @param frameReadyAtNanos the frame was reassembled on the leader's node.
 * @param decidedAtNanos    the decision was made.
 */
public record DecisionTimings(long frameReadyAtNanos, long decidedAtNanos) {
    /** Checks the stamps are in order and within an hour of each other. */
    public DecisionTimings {
        FieldRules.span(frameReadyAtNanos, decidedAtNanos, "decision timings (ready, decided)");
    }

    /** @return microseconds from the frame being ready to the decision. */
    public long decideMicros() {
        return (decidedAtNanos - frameReadyAtNanos) / 1_000;
    }
}

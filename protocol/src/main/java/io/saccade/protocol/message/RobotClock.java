package io.saccade.protocol.message;

/**
 * Where a frame's node-side stamps lie on the robot's clock, as the node that received it measured (spec:
 * {@code protocol/spec/clock-probe.md}). With it, every node-local stamp {@code t} of that node maps to
 * {@code readyAfterCaptureMicros + (t - frameReadyAtNanos) / 1000} microseconds after capture.
 *
 * @param readyAfterCaptureMicros when the node had reassembled the frame, microseconds after capture on the robot's
 *                                clock; may be slightly negative within the uncertainty.
 * @param uncertaintyMicros       how far that may be off (half the best probe's round trip, plus drift).
 * @param sendDelayMicros         the robot's capture-to-send delay, from the frame's fragments.
 */
public record RobotClock(long readyAfterCaptureMicros, long uncertaintyMicros, long sendDelayMicros) {
    /** Validates the fields: each within an hour, so that no sum with a result's stamps overflows. */
    public RobotClock {
        FieldRules.withinAnHour(readyAfterCaptureMicros, "readyAfterCaptureMicros");
        FieldRules.withinAnHour(FieldRules.notNegative(uncertaintyMicros, "uncertaintyMicros"), "uncertaintyMicros");
        FieldRules.withinAnHour(FieldRules.notNegative(sendDelayMicros, "sendDelayMicros"), "sendDelayMicros");
    }
}

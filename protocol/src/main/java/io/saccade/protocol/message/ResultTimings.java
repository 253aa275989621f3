package io.saccade.protocol.message;

/**
 * When a result's frame passed each step on the node that inferred it, on that node's monotonic clock in
 * nanoseconds. Differences are durations; the coordinator maps the stamps onto one axis with measured clock offsets.
 *
 * @param frameReadyAtNanos    the frame was reassembled.
 * @param slotWrittenAtNanos   its tensor was published in the slot ring.
 * @param inferenceStartNanos  the accelerator started inference.
 * @param inferenceEndNanos    inference finished.
 * @param publishedAtNanos     the result was handed to MQTT.
 * @param robotClock           where these stamps lie on the robot's clock; {@code null} when the node had not
 *                             measured its offset to the robot yet.
 */
public record ResultTimings(long frameReadyAtNanos, long slotWrittenAtNanos, long inferenceStartNanos,
                            long inferenceEndNanos, long publishedAtNanos, RobotClock robotClock) {
    /** Checks the stamps are in order and within an hour of each other, so no difference of them overflows. */
    public ResultTimings {
        if (slotWrittenAtNanos < frameReadyAtNanos || inferenceStartNanos < slotWrittenAtNanos
            || inferenceEndNanos < inferenceStartNanos || publishedAtNanos < inferenceEndNanos) {
            throw new IllegalArgumentException("result timings are out of order: " + frameReadyAtNanos + ", "
                + slotWrittenAtNanos + ", " + inferenceStartNanos + ", " + inferenceEndNanos + ", " + publishedAtNanos);
        }
        FieldRules.span(frameReadyAtNanos, publishedAtNanos, "result timings");
    }

    /**
     * Stamps without a place on the robot's clock.
     *
     * @param frameReadyAtNanos   the frame was reassembled.
     * @param slotWrittenAtNanos  its tensor was published in the slot ring.
     * @param inferenceStartNanos the accelerator started inference.
     * @param inferenceEndNanos   inference finished.
     * @param publishedAtNanos    the result was handed to MQTT.
     */
    public ResultTimings(final long frameReadyAtNanos, final long slotWrittenAtNanos, final long inferenceStartNanos,
                         final long inferenceEndNanos, final long publishedAtNanos) {
        this(frameReadyAtNanos, slotWrittenAtNanos, inferenceStartNanos, inferenceEndNanos, publishedAtNanos, null);
    }

    /**
     * @param nodeNanos one of these stamps.
     * @return it in microseconds after the frame's capture on the robot's clock; only with a {@link #robotClock}.
     */
    public long afterCaptureMicros(final long nodeNanos) {
        return robotClock.readyAfterCaptureMicros() + (nodeNanos - frameReadyAtNanos) / 1_000;
    }

    /** @return microseconds from the slot being written to inference starting. */
    public long slotToStartMicros() {
        return (inferenceStartNanos - slotWrittenAtNanos) / 1_000;
    }

    /** @return microseconds of inference. */
    public long inferenceMicros() {
        return (inferenceEndNanos - inferenceStartNanos) / 1_000;
    }
}

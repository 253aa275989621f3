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
 */
public record ResultTimings(long frameReadyAtNanos, long slotWrittenAtNanos, long inferenceStartNanos,
                            long inferenceEndNanos, long publishedAtNanos) {
    /** Checks the stamps are in order. */
    public ResultTimings {
        if (slotWrittenAtNanos < frameReadyAtNanos || inferenceStartNanos < slotWrittenAtNanos
            || inferenceEndNanos < inferenceStartNanos || publishedAtNanos < inferenceEndNanos) {
            throw new IllegalArgumentException("result timings are out of order: " + frameReadyAtNanos + ", "
                + slotWrittenAtNanos + ", " + inferenceStartNanos + ", " + inferenceEndNanos + ", " + publishedAtNanos);
        }
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

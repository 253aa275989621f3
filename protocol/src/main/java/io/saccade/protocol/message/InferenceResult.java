package io.saccade.protocol.message;

import java.util.List;

/**
 * What one model found in one frame, published by the accelerator service that ran it.
 *
 * @param version          layout version, {@value #VERSION}.
 * @param streamId         stream (robot) id.
 * @param frameSeq         sequence number of the frame.
 * @param captureTimeNanos capture time on the robot's monotonic clock.
 * @param model            model id.
 * @param node             node the model ran on.
 * @param device           device it ran on, e.g. {@code CPU} or {@code MYRIAD}.
 * @param timings          when the frame passed each step on the node.
 * @param detections       what was found, possibly nothing.
 */
public record InferenceResult(int version, long streamId, long frameSeq, long captureTimeNanos, String model,
                              String node, String device, ResultTimings timings, List<Detection> detections)
    implements Message {
    /** The layout version this build writes and reads. */
    public static final int VERSION = 1;

    /** Validates the fields. */
    public InferenceResult {
        FieldRules.version(version, VERSION, "result");
        FieldRules.streamId(streamId);
        FieldRules.name(model, "model");
        FieldRules.name(node, "node");
        FieldRules.present(device, "device");
        FieldRules.present(timings, "timings");
        detections = FieldRules.list(detections, "detections");
    }

    /**
     * A result of the current version.
     *
     * @param streamId         stream (robot) id.
     * @param frameSeq         sequence number of the frame.
     * @param captureTimeNanos capture time on the robot's monotonic clock.
     * @param model            model id.
     * @param node             node the model ran on.
     * @param device           device it ran on.
     * @param timings          when the frame passed each step on the node.
     * @param detections       what was found.
     */
    public InferenceResult(final long streamId, final long frameSeq, final long captureTimeNanos, final String model,
                           final String node, final String device, final ResultTimings timings,
                           final List<Detection> detections) {
        this(VERSION, streamId, frameSeq, captureTimeNanos, model, node, device, timings, detections);
    }
}

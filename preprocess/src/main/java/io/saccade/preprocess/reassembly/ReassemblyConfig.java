package io.saccade.preprocess.reassembly;

/**
 * The bounds that keep reassembly's memory fixed whatever arrives.
 *
 * @param maxStreams          streams tracked at once.
 * @param framesPerStream     frames of one stream in progress at once.
 * @param maxFramesInProgress frames in progress over all streams.
 * @param maxFrameBytes       largest frame accepted.
 * @param maxShardBytes       largest fragment payload (shard) accepted.
 * @param maxParityBytes      most parity bytes one frame may carry.
 * @param maxFrameAgeNanos    longest a frame may stay incomplete.
 * @param streamIdleNanos     how long a silent stream keeps its place when a new stream needs one.
 * @param replayWindowFrames  how far below the newest authenticated frame a frame may still be.
 */
public record ReassemblyConfig(int maxStreams, int framesPerStream, int maxFramesInProgress, int maxFrameBytes,
                               int maxShardBytes, int maxParityBytes, long maxFrameAgeNanos, long streamIdleNanos,
                               long replayWindowFrames) {
    /** Checks every bound is positive. */
    public ReassemblyConfig {
        if (maxStreams < 1 || framesPerStream < 1 || maxFramesInProgress < 1 || maxFrameBytes < 1
            || maxShardBytes < 1 || maxParityBytes < 0 || maxFrameAgeNanos < 1 || streamIdleNanos < 0
            || replayWindowFrames < 1) {
            throw new IllegalArgumentException("reassembly limits must be positive: " + this);
        }
    }
}

package io.saccade.coordinator.merge;

import io.saccade.protocol.message.InferenceResult;

/**
 * Plausibility before use: an authenticated result still has to be about a frame this node has seen from the
 * robot, with that frame's capture time, and come from a model and node the current work plan has. A result that
 * passes the MAC and fails here comes from a holder of the cluster key that is confused, stale or hostile.
 */
public final class ResultScreen {
    private final SeenFrames frames;
    private final WorkPlanner planner;

    /**
     * @param frames  the frames seen on this node.
     * @param planner the accelerators that serve each model.
     */
    public ResultScreen(final SeenFrames frames, final WorkPlanner planner) {
        this.frames = frames;
        this.planner = planner;
    }

    /**
     * @param result   an authenticated result.
     * @param nowNanos monotonic time of arrival.
     * @return whether and why it may be used.
     */
    public ResultVerdict screen(final InferenceResult result, final long nowNanos) {
        final ResultVerdict frame = frames.check(result.streamId(), result.frameSeq(), result.captureTimeNanos());
        if (!frame.taken()) {
            return frame;
        }
        return planner.serves(result.model(), result.node(), nowNanos) ? frame : ResultVerdict.NOT_IN_PLAN;
    }
}

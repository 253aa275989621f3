package io.saccade.coordinator.merge;

/** What the coordinator made of an authenticated result before letting it near a decision, counted. */
public enum ResultVerdict {
    /** Its frame was seen on this node, with the same capture time: taken. */
    SEEN_FRAME,
    /**
     * Its frame was not seen here (this node's decoder skipped it for a newer one, or lost it), but it lies between
     * two frames that were, and so does its capture time: taken.
     */
    BETWEEN_SEEN_FRAMES,
    /** No frame of its stream was seen here yet: refused. */
    UNKNOWN_STREAM,
    /** Its frame is newer than the newest one seen here: refused (the frame the robot sent next cannot be known). */
    FUTURE_FRAME,
    /** Its frame is older than anything this node still remembers, or from an earlier boot of the robot: refused. */
    UNSEEN_FRAME,
    /** Its capture time is not its frame's (or lies outside the seen frames around it): refused. */
    CAPTURE_MISMATCH,
    /** Its model and node are not in the current work plan (no ready, fresh status from that accelerator): refused. */
    NOT_IN_PLAN;

    /** @return whether a result with this verdict may be used. */
    public boolean taken() {
        return this == SEEN_FRAME || this == BETWEEN_SEEN_FRAMES;
    }
}

package io.saccade.preprocess.reassembly;

/** What the reassembler did with one authenticated fragment. */
public enum Outcome {
    /** New data for a frame in progress. */
    ACCEPTED,
    /** New data that completed its frame; the frame was handed on. */
    COMPLETED,
    /** A fragment of a frame already complete: late parity or a relayed copy, harmless. */
    UNNEEDED,
    /** The same fragment twice for a frame in progress. */
    DUPLICATE,
    /** Older than the newest complete frame of its stream: too late to matter. */
    STALE,
    /** Its frame geometry contradicts other fragments of the same frame. */
    INCONSISTENT,
    /** Its frame is larger than a frame buffer, or carries more parity than allowed. */
    OVERSIZE,
    /** No frame buffer was free for a new frame. */
    OVERLOAD;

    /** @return whether the fragment brought data the node did not have. */
    public boolean isNew() {
        return this == ACCEPTED || this == COMPLETED;
    }
}

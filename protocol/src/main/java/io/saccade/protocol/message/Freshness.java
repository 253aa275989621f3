package io.saccade.protocol.message;

/** How current a model's newest result is, as the leader sees it. */
public enum Freshness {
    /** A result newer than the configured staleness bound. */
    FRESH,
    /** The newest result is older than the bound. */
    STALE,
    /** No result at all yet. */
    MISSING
}

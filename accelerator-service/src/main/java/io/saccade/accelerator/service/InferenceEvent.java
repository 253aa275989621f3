package io.saccade.accelerator.service;

/** What happened to frames at an accelerator, counted. */
public enum InferenceEvent {
    /** A frame was run through the model. */
    INFERRED,
    /** A frame was overwritten by a newer one before the model was free: never queued, counted here. */
    SKIPPED,
    /** A slot was overwritten while being copied; the copy was discarded. */
    TORN,
    /** The engine failed on a frame; the loop went on with the next one. */
    ENGINE_ERROR,
    /** A result was handed to the broker connection. */
    PUBLISHED,
    /** A result was dropped because the broker was away or busy. */
    PUBLISH_DROPPED,
    /** The leader's work plan gives the frame to another node serving the same model. */
    NOT_ASSIGNED,
    /** A work plan was taken up. */
    PLAN_APPLIED,
    /** A work plan from a leadership older than the current plan's was ignored. */
    PLAN_STALE,
    /** A signed work plan whose leadership epoch lies beyond this node's clock plus the skew allowance: refused. */
    PLAN_FUTURE_EPOCH,
    /** The tensor ring was missing or unreadable; waited for preprocess to (re)create it. */
    RING_UNAVAILABLE
}

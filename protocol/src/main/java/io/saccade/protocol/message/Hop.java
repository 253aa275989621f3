package io.saccade.protocol.message;

/** The steps a frame passes on its way from the camera to an effective decision, in order. */
public enum Hop {
    /** The camera delivered the frame to the robot agent. */
    CAPTURE,
    /** The robot agent sent its first fragment. */
    SEND,
    /** A node finished reassembling it. */
    RECEIVE,
    /** Its tensor was written to a slot ring. */
    SLOT_WRITTEN,
    /** An accelerator started inference on it. */
    INFERENCE_START,
    /** Inference finished. */
    INFERENCE_END,
    /** The result was published. */
    RESULT_PUBLISHED,
    /** The leader received the result. */
    RESULT_RECEIVED,
    /** The leader decided for it. */
    DECIDED,
    /** The decision reached the robot. */
    DELIVERED
}

package io.saccade.protocol.tensor;

/** How a frame is fitted to a model's input size. */
public enum ResizeMode {
    /** Scale each axis independently; the aspect ratio changes. */
    STRETCH,
    /** Scale uniformly to fit, centre, and pad the rest; the aspect ratio is kept. */
    LETTERBOX
}

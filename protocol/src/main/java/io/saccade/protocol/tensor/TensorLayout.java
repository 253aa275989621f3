package io.saccade.protocol.tensor;

/** Order of the dimensions of an image tensor. */
public enum TensorLayout {
    /** Batch, channels, height, width: planes one after another. */
    NCHW,
    /** Batch, height, width, channels: pixels one after another. */
    NHWC
}

package io.saccade.accelerator.inference;

import io.saccade.protocol.tensor.InputSpec;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * One frame's model input, reused from frame to frame: a direct buffer holding a validated copy of the tensor and
 * the size of the frame it was made from (to map boxes back).
 */
public final class FrameTensor {
    private final InputSpec spec;
    private final ByteBuffer tensor;
    private int frameWidth;
    private int frameHeight;

    /**
     * @param spec the input spec; the buffer holds exactly one tensor of it.
     */
    public FrameTensor(final InputSpec spec) {
        this.spec = spec;
        this.tensor = ByteBuffer.allocateDirect(spec.tensorBytes()).order(ByteOrder.nativeOrder());
    }

    /** @return the spec. */
    public InputSpec spec() {
        return spec;
    }

    /** @return the tensor's bytes, position 0, limit the tensor size. */
    public ByteBuffer tensor() {
        return tensor;
    }

    /**
     * @param width  the source frame's width.
     * @param height the source frame's height.
     * @return this.
     */
    public FrameTensor frameSize(final int width, final int height) {
        this.frameWidth = width;
        this.frameHeight = height;
        return this;
    }

    /** @return the source frame's width. */
    public int frameWidth() {
        return frameWidth;
    }

    /** @return the source frame's height. */
    public int frameHeight() {
        return frameHeight;
    }
}

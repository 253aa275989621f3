package io.saccade.protocol.tensor;

/**
 * Where a frame lands inside a model input of a given spec: the scaled content's size and offset. Preprocess uses it
 * to place the frame; the accelerator uses the same numbers to map boxes back to frame coordinates, so both sides
 * agree to the pixel. For {@link ResizeMode#STRETCH} the content fills the input.
 *
 * @param frameWidth    source frame width.
 * @param frameHeight   source frame height.
 * @param inputWidth    model input width.
 * @param inputHeight   model input height.
 * @param contentWidth  width of the scaled frame inside the input.
 * @param contentHeight height of the scaled frame inside the input.
 * @param padLeft       columns of padding left of the content.
 * @param padTop        rows of padding above the content.
 */
public record Letterbox(int frameWidth, int frameHeight, int inputWidth, int inputHeight, int contentWidth,
                        int contentHeight, int padLeft, int padTop) {
    /**
     * @param frameWidth  source frame width.
     * @param frameHeight source frame height.
     * @param spec        the model input.
     * @return where the frame lands in the input.
     */
    public static Letterbox fit(final int frameWidth, final int frameHeight, final InputSpec spec) {
        if (frameWidth < 1 || frameHeight < 1) {
            throw new IllegalArgumentException("frame size must be positive, got " + frameWidth + "x" + frameHeight);
        }
        if (spec.resizeMode() == ResizeMode.STRETCH) {
            return new Letterbox(frameWidth, frameHeight, spec.width(), spec.height(), spec.width(), spec.height(), 0,
                0);
        }
        final double scale = Math.min((double)spec.width() / frameWidth, (double)spec.height() / frameHeight);
        final int width = Math.clamp(Math.round(frameWidth * scale), 1, spec.width());
        final int height = Math.clamp(Math.round(frameHeight * scale), 1, spec.height());
        return new Letterbox(frameWidth, frameHeight, spec.width(), spec.height(), width, height,
            (spec.width() - width) / 2, (spec.height() - height) / 2);
    }

    /**
     * @param inputX a horizontal position in the model input, in input pixels.
     * @return the same position as a fraction of the frame's width, clamped to [0, 1].
     */
    public float frameX(final float inputX) {
        return clamp((inputX - padLeft) / contentWidth);
    }

    /**
     * @param inputY a vertical position in the model input, in input pixels.
     * @return the same position as a fraction of the frame's height, clamped to [0, 1].
     */
    public float frameY(final float inputY) {
        return clamp((inputY - padTop) / contentHeight);
    }

    private static float clamp(final float value) {
        return Math.clamp(value, 0f, 1f);
    }
}

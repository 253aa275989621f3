package io.saccade.accelerator.detect;

import java.util.Arrays;

/**
 * How a single-shot detector lays out its anchors, with the meaning (and defaults) of MediaPipe's
 * {@code SsdAnchorsCalculatorOptions}, so the published model graphs' numbers can be used as they are.
 *
 * @param inputWidth                   model input width in pixels.
 * @param inputHeight                  model input height in pixels.
 * @param minScale                     anchor scale of the first layer.
 * @param maxScale                     anchor scale of the last layer.
 * @param strides                      feature-map stride of each layer; consecutive equal strides share one grid.
 * @param aspectRatios                 aspect ratios of every layer's anchors.
 * @param reduceBoxesInLowestLayer     whether the first layer has just three fixed anchors (1, 2 and 0.5 at scale
 *                                     0.1), as in the TensorFlow object-detection SSDs.
 * @param interpolatedScaleAspectRatio aspect ratio of an extra anchor at the scale between this layer's and the
 *                                     next; 0 for none.
 * @param fixedAnchorSize              whether every anchor has size 1x1 (boxes are then regressed in input units).
 * @param anchorOffset                 where in its cell an anchor's centre is, 0.5 for the middle.
 */
public record AnchorOptions(int inputWidth, int inputHeight, float minScale, float maxScale, int[] strides,
                            float[] aspectRatios, boolean reduceBoxesInLowestLayer,
                            float interpolatedScaleAspectRatio, boolean fixedAnchorSize, float anchorOffset) {
    /** Validates the options. */
    public AnchorOptions {
        if (inputWidth < 1 || inputHeight < 1) {
            throw new IllegalArgumentException("anchor input size must be positive, got " + inputWidth + "x"
                + inputHeight);
        }
        if (strides == null || strides.length == 0 || Arrays.stream(strides).anyMatch(stride -> stride < 1)) {
            throw new IllegalArgumentException("anchors need at least one positive stride");
        }
        if (aspectRatios == null || aspectRatios.length == 0) {
            throw new IllegalArgumentException("anchors need at least one aspect ratio");
        }
        if (!(minScale > 0f && maxScale >= minScale)) {
            throw new IllegalArgumentException("anchor scales must satisfy 0 < min <= max, got " + minScale + ", "
                + maxScale);
        }
        strides = strides.clone();
        aspectRatios = aspectRatios.clone();
    }

    /** @return the number of layers. */
    public int layers() {
        return strides.length;
    }

    /**
     * @param layer a layer index, possibly one past the last.
     * @return that layer's anchor scale, linear between min and max.
     */
    float scale(final int layer) {
        return strides.length == 1 ? (minScale + maxScale) / 2f
            : minScale + (maxScale - minScale) * layer / (strides.length - 1f);
    }

    @Override
    public int[] strides() {
        return strides.clone();
    }

    @Override
    public float[] aspectRatios() {
        return aspectRatios.clone();
    }

    @Override
    public boolean equals(final Object other) {
        return other instanceof AnchorOptions that && inputWidth == that.inputWidth
            && inputHeight == that.inputHeight && minScale == that.minScale && maxScale == that.maxScale
            && Arrays.equals(strides, that.strides) && Arrays.equals(aspectRatios, that.aspectRatios)
            && reduceBoxesInLowestLayer == that.reduceBoxesInLowestLayer
            && interpolatedScaleAspectRatio == that.interpolatedScaleAspectRatio
            && fixedAnchorSize == that.fixedAnchorSize && anchorOffset == that.anchorOffset;
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(strides) + Arrays.hashCode(aspectRatios);
    }

    @Override
    public String toString() {
        return "AnchorOptions[" + inputWidth + "x" + inputHeight + ", scales " + minScale + ".." + maxScale
            + ", strides " + Arrays.toString(strides) + ", ratios " + Arrays.toString(aspectRatios) + "]";
    }
}

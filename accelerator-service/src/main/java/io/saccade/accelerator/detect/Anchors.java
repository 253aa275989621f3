package io.saccade.accelerator.detect;

import java.util.Arrays;

/**
 * The anchors of a single-shot detector, as parallel arrays of centre and size in normalised input coordinates, in
 * the order the model emits its per-anchor outputs: layer by layer, row by row, column by column, anchor by anchor.
 */
public final class Anchors {
    private final float[] centreX;
    private final float[] centreY;
    private final float[] width;
    private final float[] height;

    private Anchors(final float[] centreX, final float[] centreY, final float[] width, final float[] height) {
        this.centreX = centreX;
        this.centreY = centreY;
        this.width = width;
        this.height = height;
    }

    /**
     * Generates the anchors exactly as MediaPipe's {@code SsdAnchorsCalculator} does.
     *
     * @param options the layout.
     * @return the anchors.
     */
    public static Anchors generate(final AnchorOptions options) {
        final int count = count(options);
        final Anchors anchors = new Anchors(new float[count], new float[count], new float[count], new float[count]);
        final int[] strides = options.strides();
        int next = 0;
        for (int layer = 0; layer < strides.length; ) {
            final int sharing = sameStrideRun(strides, layer);
            final float[][] sizes = cellAnchorSizes(options, layer, sharing);
            final int rows = ceilDiv(options.inputHeight(), strides[layer]);
            final int columns = ceilDiv(options.inputWidth(), strides[layer]);
            for (int y = 0; y < rows; y++) {
                for (int x = 0; x < columns; x++) {
                    for (final float[] size : sizes) {
                        anchors.centreX[next] = (x + options.anchorOffset()) / columns;
                        anchors.centreY[next] = (y + options.anchorOffset()) / rows;
                        anchors.width[next] = options.fixedAnchorSize() ? 1f : size[0];
                        anchors.height[next] = options.fixedAnchorSize() ? 1f : size[1];
                        next++;
                    }
                }
            }
            layer += sharing;
        }
        return anchors;
    }

    /**
     * @param options the layout.
     * @return how many anchors it has, which must equal the model's per-anchor output rows.
     */
    public static int count(final AnchorOptions options) {
        final int[] strides = options.strides();
        int count = 0;
        for (int layer = 0; layer < strides.length; ) {
            final int sharing = sameStrideRun(strides, layer);
            count += ceilDiv(options.inputHeight(), strides[layer]) * ceilDiv(options.inputWidth(), strides[layer])
                * cellAnchorSizes(options, layer, sharing).length;
            layer += sharing;
        }
        return count;
    }

    /** @return how many anchors there are. */
    public int size() {
        return centreX.length;
    }

    /**
     * @param anchor an anchor index.
     * @return its centre's x.
     */
    public float centreX(final int anchor) {
        return centreX[anchor];
    }

    /**
     * @param anchor an anchor index.
     * @return its centre's y.
     */
    public float centreY(final int anchor) {
        return centreY[anchor];
    }

    /**
     * @param anchor an anchor index.
     * @return its width.
     */
    public float width(final int anchor) {
        return width[anchor];
    }

    /**
     * @param anchor an anchor index.
     * @return its height.
     */
    public float height(final int anchor) {
        return height[anchor];
    }

    private static int sameStrideRun(final int[] strides, final int first) {
        int last = first;
        while (last < strides.length && strides[last] == strides[first]) {
            last++;
        }
        return last - first;
    }

    /** Width and height of each anchor in one grid cell, for the layers {@code first .. first + sharing - 1}. */
    private static float[][] cellAnchorSizes(final AnchorOptions options, final int first, final int sharing) {
        final float[] ratios = options.aspectRatios();
        final float[][] sizes = new float[sharing * (ratios.length + 1) + 3][];
        int count = 0;
        for (int layer = first; layer < first + sharing; layer++) {
            final float scale = options.scale(layer);
            if (layer == 0 && options.reduceBoxesInLowestLayer()) {
                sizes[count++] = size(0.1f, 1f);
                sizes[count++] = size(scale, 2f);
                sizes[count++] = size(scale, 0.5f);
                continue;
            }
            for (final float ratio : ratios) {
                sizes[count++] = size(scale, ratio);
            }
            if (options.interpolatedScaleAspectRatio() > 0f) {
                final float nextScale = layer == options.layers() - 1 ? 1f : options.scale(layer + 1);
                sizes[count++] = size((float)Math.sqrt(scale * nextScale), options.interpolatedScaleAspectRatio());
            }
        }
        return Arrays.copyOf(sizes, count);
    }

    private static float[] size(final float scale, final float aspectRatio) {
        final float root = (float)Math.sqrt(aspectRatio);
        return new float[] {scale * root, scale / root};
    }

    private static int ceilDiv(final int value, final int divisor) {
        return (value + divisor - 1) / divisor;
    }
}

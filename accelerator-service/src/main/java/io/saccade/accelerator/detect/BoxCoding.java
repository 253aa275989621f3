package io.saccade.accelerator.detect;

/**
 * How a detector encodes a box relative to its anchor (MediaPipe's {@code TensorsToDetectionsCalculator} terms):
 * the centre is offset by {@code value / scale * anchorSize}, the size is either {@code value / scale * anchorSize}
 * or, with exponential sizes, {@code exp(value / scale) * anchorSize}.
 *
 * @param order       the order of the four box values in each anchor's row.
 * @param valuesPerAnchor values per anchor row, at least 4 (keypoints follow the box and are ignored here).
 * @param xScale      divisor of the centre's x offset.
 * @param yScale      divisor of the centre's y offset.
 * @param widthScale  divisor of the width value.
 * @param heightScale divisor of the height value.
 * @param exponential whether sizes are log-encoded.
 */
public record BoxCoding(Order order, int valuesPerAnchor, float xScale, float yScale, float widthScale,
                        float heightScale, boolean exponential) {
    /** Order of the four box values. */
    public enum Order {
        /** centre y, centre x, height, width: the TensorFlow object-detection API's order. */
        YXHW,
        /** centre x, centre y, width, height: BlazeFace's order. */
        XYWH
    }

    /** Validates the coding. */
    public BoxCoding {
        if (order == null) {
            throw new IllegalArgumentException("box coding needs an order");
        }
        if (valuesPerAnchor < 4) {
            throw new IllegalArgumentException("a box needs at least 4 values per anchor, got " + valuesPerAnchor);
        }
        if (!(xScale > 0f && yScale > 0f && widthScale > 0f && heightScale > 0f)) {
            throw new IllegalArgumentException("box scales must be positive");
        }
    }

    /**
     * Decodes one anchor's box into {@code box} as x0, y0, x1, y1 in normalised input coordinates (unclamped).
     *
     * @param raw     the model's box output, {@code valuesPerAnchor} per anchor.
     * @param anchors the anchors.
     * @param anchor  which anchor.
     * @param box     where the four edges go, from {@code offset}.
     * @param offset  first index written in {@code box}.
     */
    public void decode(final float[] raw, final Anchors anchors, final int anchor, final float[] box,
                       final int offset) {
        final int base = anchor * valuesPerAnchor;
        final boolean xFirst = order == Order.XYWH;
        final float rawX = raw[base + (xFirst ? 0 : 1)];
        final float rawY = raw[base + (xFirst ? 1 : 0)];
        final float rawW = raw[base + (xFirst ? 2 : 3)];
        final float rawH = raw[base + (xFirst ? 3 : 2)];
        final float anchorW = anchors.width(anchor);
        final float anchorH = anchors.height(anchor);
        final float centreX = rawX / xScale * anchorW + anchors.centreX(anchor);
        final float centreY = rawY / yScale * anchorH + anchors.centreY(anchor);
        final float width = exponential ? (float)Math.exp(rawW / widthScale) * anchorW : rawW / widthScale * anchorW;
        final float height = exponential ? (float)Math.exp(rawH / heightScale) * anchorH
            : rawH / heightScale * anchorH;
        box[offset] = centreX - width / 2f;
        box[offset + 1] = centreY - height / 2f;
        box[offset + 2] = centreX + width / 2f;
        box[offset + 3] = centreY + height / 2f;
    }
}

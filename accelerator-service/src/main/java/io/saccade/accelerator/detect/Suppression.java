package io.saccade.accelerator.detect;

/**
 * Non-maximum suppression settings.
 *
 * @param iouThreshold  boxes overlapping a kept box by more than this intersection-over-union are suppressed.
 * @param weighted      whether suppressed boxes are blended into the kept one, weighted by score (MediaPipe's
 *                      {@code WEIGHTED} algorithm, steadier for faces) instead of dropped.
 * @param perClass      whether only boxes of the same class suppress each other.
 * @param maxDetections most detections reported per frame.
 */
public record Suppression(float iouThreshold, boolean weighted, boolean perClass, int maxDetections) {
    /** Validates the settings. */
    public Suppression {
        if (!(iouThreshold > 0f && iouThreshold <= 1f)) {
            throw new IllegalArgumentException("NMS IoU threshold must be in (0, 1], got " + iouThreshold);
        }
        if (maxDetections < 1) {
            throw new IllegalArgumentException("maxDetections must be at least 1, got " + maxDetections);
        }
    }

    /**
     * @param boxes edges as x0, y0, x1, y1 quadruples.
     * @param a     first box's index.
     * @param b     second box's index.
     * @return their intersection over union, 0 when either is empty.
     */
    static float iou(final float[] boxes, final int a, final int b) {
        final int i = a * 4;
        final int j = b * 4;
        final float width = Math.min(boxes[i + 2], boxes[j + 2]) - Math.max(boxes[i], boxes[j]);
        final float height = Math.min(boxes[i + 3], boxes[j + 3]) - Math.max(boxes[i + 1], boxes[j + 1]);
        if (width <= 0f || height <= 0f) {
            return 0f;
        }
        final float intersection = width * height;
        final float union = area(boxes, i) + area(boxes, j) - intersection;
        return union > 0f ? intersection / union : 0f;
    }

    private static float area(final float[] boxes, final int i) {
        return Math.max(0f, boxes[i + 2] - boxes[i]) * Math.max(0f, boxes[i + 3] - boxes[i + 1]);
    }
}

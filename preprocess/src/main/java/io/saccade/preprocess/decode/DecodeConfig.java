package io.saccade.preprocess.decode;

import io.saccade.protocol.tensor.InputSpec;

/**
 * How the decode stage writes its rings.
 *
 * @param tensorSlots     slots per tensor ring.
 * @param thumbnailWidth  thumbnail width.
 * @param thumbnailHeight thumbnail height.
 * @param thumbnailSlots  slots of the thumbnail ring: how far back the coordinator can compare.
 * @param preview         the previews' spec ({@link #previewSpec}), or {@code null} for no previews.
 * @param previewPeriodNanos shortest time between two previews.
 * @param retireNanos     how long a spec nobody registers any more keeps its ring.
 * @param retryNanos      how long to wait before trying again to open a ring that failed.
 */
public record DecodeConfig(int tensorSlots, int thumbnailWidth, int thumbnailHeight, int thumbnailSlots,
                             InputSpec preview, long previewPeriodNanos, long retireNanos, long retryNanos) {
    /** Slots of the preview ring: the newest and the one being written. */
    public static final int PREVIEW_SLOTS = 2;

    /**
     * @param width  preview width.
     * @param height preview height.
     * @return the previews' spec: BGR bytes, stretched to the preview size.
     */
    public static InputSpec previewSpec(final int width, final int height) {
        return InputSpec.parse(width + "x" + height + ":bgr:nhwc:u8:stretch");
    }
}

package io.saccade.preprocess.decode;

import io.saccade.protocol.tensor.InputSpec;

/**
 * How the decode stage writes its rings.
 *
 * @param tensorSlots     slots per tensor ring.
 * @param thumbnailWidth  thumbnail width.
 * @param thumbnailHeight thumbnail height.
 * @param thumbnailSlots  slots of the thumbnail ring: how far back the coordinator can compare.
 * @param previewWidth    preview width; 0 writes no previews.
 * @param previewHeight   preview height.
 * @param previewPeriodNanos shortest time between two previews.
 * @param retireNanos     how long a spec nobody registers any more keeps its ring.
 * @param retryNanos      how long to wait before trying again to open a ring that failed.
 */
public record DecodeSettings(int tensorSlots, int thumbnailWidth, int thumbnailHeight, int thumbnailSlots,
                             int previewWidth, int previewHeight, long previewPeriodNanos, long retireNanos,
                             long retryNanos) {
    /** Slots of the preview ring: the newest and the one being written. */
    public static final int PREVIEW_SLOTS = 2;

    /** @return the previews' spec: BGR bytes, stretched to the preview size; {@code null} when previews are off. */
    public InputSpec previewSpec() {
        return previewWidth == 0 ? null : InputSpec.parse(previewWidth + "x" + previewHeight + ":bgr:nhwc:u8:stretch");
    }
}

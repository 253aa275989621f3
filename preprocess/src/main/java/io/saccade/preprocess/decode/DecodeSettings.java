package io.saccade.preprocess.decode;

/**
 * How the decode stage writes its rings.
 *
 * @param tensorSlots     slots per tensor ring.
 * @param thumbnailWidth  thumbnail width.
 * @param thumbnailHeight thumbnail height.
 * @param thumbnailSlots  slots of the thumbnail ring: how far back the coordinator can compare.
 * @param retireNanos     how long a spec nobody registers any more keeps its ring.
 * @param retryNanos      how long to wait before trying again to open a ring that failed.
 */
public record DecodeSettings(int tensorSlots, int thumbnailWidth, int thumbnailHeight, int thumbnailSlots,
                             long retireNanos, long retryNanos) {
}

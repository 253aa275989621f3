package io.saccade.robot.source;

import org.bytedeco.opencv.opencv_core.Mat;

/**
 * A frame as a source delivers it: a BGR image and when it was captured. A mutable holder, reused frame after
 * frame; the image stays valid until the holder is filled again.
 */
public final class CapturedFrame implements AutoCloseable {
    private final Mat image = new Mat();
    private long captureTimeNanos;

    /** @return the BGR image, 8 bits per channel. */
    public Mat image() {
        return image;
    }

    /** @return when the frame was captured, on the robot's monotonic clock. */
    public long captureTimeNanos() {
        return captureTimeNanos;
    }

    /**
     * @param nanos when the frame was captured, on the robot's monotonic clock.
     * @return this holder.
     */
    public CapturedFrame captureTimeNanos(final long nanos) {
        this.captureTimeNanos = nanos;
        return this;
    }

    /** Frees the image's native memory. */
    @Override
    public void close() {
        image.close();
    }
}

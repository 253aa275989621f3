package io.saccade.robot.source;

import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGRA2BGR;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_GRAY2BGR;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;

import io.saccade.protocol.time.NanoClock;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;
import org.bytedeco.javacv.OpenCVFrameConverter;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * A {@link FrameSource} over a JavaCV {@link FrameGrabber}: FFmpeg for video files and network streams, OpenCV's
 * V4L2 capture for cameras. A finite source may loop, starting over at its end; after a failure the next grab
 * reopens the grabber first, so a camera that was unplugged or a stream that dropped comes back by itself.
 */
public final class GrabberFrameSource implements FrameSource {
    private final FrameGrabber grabber;
    private final String description;
    private final boolean live;
    private final boolean loop;
    private final NanoClock clock;
    private final OpenCVFrameConverter.ToMat converter = new OpenCVFrameConverter.ToMat();
    private boolean broken;

    /**
     * Starts the grabber.
     *
     * @param grabber     configured but not started.
     * @param description what it reads, for logs and errors.
     * @param live        whether frames arrive on the source's own schedule.
     * @param loop        whether to start over at the end.
     * @param clock       stamps capture times.
     * @throws FrameSourceException naming the source when it does not open.
     */
    public GrabberFrameSource(final FrameGrabber grabber, final String description, final boolean live,
                              final boolean loop, final NanoClock clock) throws FrameSourceException {
        this.grabber = grabber;
        this.description = description;
        this.live = live;
        this.loop = loop;
        this.clock = clock;
        try {
            grabber.start();
        } catch (final FrameGrabber.Exception | RuntimeException ex) {
            close();
            throw new FrameSourceException("cannot open " + description + ": " + ex.getMessage(), ex);
        }
    }

    @Override
    public boolean grab(final CapturedFrame into) throws FrameSourceException {
        try {
            if (broken) {
                grabber.restart();
                broken = false;
            }
            Frame frame = nextImage();
            if (frame == null && loop) {
                grabber.restart();
                frame = nextImage();
            }
            if (frame == null) {
                return false;
            }
            into.captureTimeNanos(clock.nanoTime());
            toBgr(converter.convert(frame), into.image());
            return true;
        } catch (final FrameGrabber.Exception | RuntimeException ex) {
            broken = true;
            throw new FrameSourceException("cannot read " + description + ": " + ex.getMessage(), ex);
        }
    }

    /** Skips audio and data frames a container may interleave with the video. */
    private Frame nextImage() throws FrameGrabber.Exception {
        Frame frame;
        do {
            frame = grabber.grab();
        } while (frame != null && frame.image == null);
        return frame;
    }

    private static void toBgr(final Mat image, final Mat bgr) {
        switch (image.channels()) {
            case 1 -> cvtColor(image, bgr, COLOR_GRAY2BGR);
            case 4 -> cvtColor(image, bgr, COLOR_BGRA2BGR);
            default -> image.copyTo(bgr);
        }
    }

    @Override
    public boolean isLive() {
        return live;
    }

    @Override
    public String describe() {
        return description + (loop ? " (looping)" : "");
    }

    @Override
    public void close() {
        try {
            grabber.close();
        } catch (final FrameGrabber.Exception ex) {
            System.getLogger(GrabberFrameSource.class.getName()).log(System.Logger.Level.WARNING,
                "closing {0} failed: {1}", description, ex.getMessage());
        }
    }
}

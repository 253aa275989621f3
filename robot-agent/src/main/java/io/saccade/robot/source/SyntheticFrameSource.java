package io.saccade.robot.source;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_imgproc.FONT_HERSHEY_SIMPLEX;
import static org.bytedeco.opencv.global.opencv_imgproc.LINE_8;
import static org.bytedeco.opencv.global.opencv_imgproc.LINE_AA;
import static org.bytedeco.opencv.global.opencv_imgproc.circle;
import static org.bytedeco.opencv.global.opencv_imgproc.putText;
import static org.bytedeco.opencv.global.opencv_imgproc.rectangle;

import io.saccade.protocol.time.NanoClock;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point;
import org.bytedeco.opencv.opencv_core.Scalar;

/**
 * Moving shapes and the frame number on a fixed backdrop, needing no file or device: the default source for tests
 * and demos. Frame {@code n} is the same image every time, so tests can compare what arrives with what was sent.
 */
public final class SyntheticFrameSource implements FrameSource {
    private final int width;
    private final int height;
    private final NanoClock clock;
    private final Mat backdrop;
    private long frameIndex;

    /**
     * @param width  image width in pixels.
     * @param height image height in pixels.
     * @param clock  stamps capture times.
     */
    public SyntheticFrameSource(final int width, final int height, final NanoClock clock) {
        this.width = width;
        this.height = height;
        this.clock = clock;
        this.backdrop = new Mat(height, width, CV_8UC3, new Scalar(60, 45, 30, 0));
        for (int x = 0; x < width; x += Math.max(8, width / 16)) {
            rectangle(backdrop, new Point(x, height * 2 / 3), new Point(x + 2, height - 1),
                new Scalar(90, 90, 90, 0), -1, LINE_8, 0);
        }
    }

    @Override
    public boolean grab(final CapturedFrame into) {
        render(frameIndex++, into.image());
        into.captureTimeNanos(clock.nanoTime());
        return true;
    }

    /**
     * Draws frame {@code index}.
     *
     * @param index the frame number.
     * @param image where to draw; (re)allocated to the source's size.
     */
    public void render(final long index, final Mat image) {
        backdrop.copyTo(image);
        final double phase = index / 60.0 * 2 * Math.PI;
        final int cx = (int)(width * (0.5 + 0.35 * Math.sin(phase)));
        final int cy = (int)(height * (0.45 + 0.2 * Math.cos(phase * 2)));
        circle(image, new Point(cx, cy), Math.max(4, height / 10), new Scalar(40, 40, 220, 0), -1, LINE_AA, 0);
        final int bx = (int)((index * 4) % Math.max(1, width - width / 6));
        rectangle(image, new Point(bx, height / 8), new Point(bx + width / 6, height / 8 + height / 6),
            new Scalar(60, 200, 60, 0), -1, LINE_8, 0);
        putText(image, "frame " + index, new Point(width / 40, height - height / 20), FONT_HERSHEY_SIMPLEX,
            Math.max(0.4, height / 480.0), new Scalar(255, 255, 255, 0), 2, LINE_AA, false);
    }

    @Override
    public boolean isLive() {
        return false;
    }

    @Override
    public String describe() {
        return "synthetic " + width + "x" + height;
    }

    @Override
    public void close() {
        backdrop.close();
    }
}

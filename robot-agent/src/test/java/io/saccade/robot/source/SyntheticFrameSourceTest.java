package io.saccade.robot.source;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_core.absdiff;
import static org.bytedeco.opencv.global.opencv_core.countNonZero;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2GRAY;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;

class SyntheticFrameSourceTest {
    private long now = 42;
    private final SyntheticFrameSource source = new SyntheticFrameSource(320, 240, () -> now);

    @Test
    void shouldDeliverBgrFramesOfTheConfiguredSizeStampedWithTheClock() {
        try (CapturedFrame frame = new CapturedFrame()) {
            assertTrue(source.grab(frame));

            assertEquals(320, frame.image().cols());
            assertEquals(240, frame.image().rows());
            assertEquals(CV_8UC3, frame.image().type());
            assertEquals(42, frame.captureTimeNanos());
        }
    }

    @Test
    void shouldDrawTheSameImageForTheSameFrameNumber() {
        try (Mat first = new Mat(); Mat again = new Mat()) {
            source.render(17, first);
            source.render(17, again);

            assertEquals(0, differingPixels(first, again));
        }
    }

    @Test
    void shouldMoveBetweenFrames() {
        try (Mat first = new Mat(); Mat later = new Mat()) {
            source.render(0, first);
            source.render(15, later);

            assertTrue(differingPixels(first, later) > 1_000, "the shapes moved");
        }
    }

    private static int differingPixels(final Mat a, final Mat b) {
        try (Mat difference = new Mat(); Mat grey = new Mat()) {
            absdiff(a, b, difference);
            cvtColor(difference, grey, COLOR_BGR2GRAY);
            return countNonZero(grey);
        }
    }
}

package io.saccade.robot.source;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LatestFrameSourceTest {
    @Test
    void shouldHandOutTheNewestFrameAndSkipTheOnesNobodyAskedFor() throws Exception {
        final CameraLike camera = new CameraLike(50);
        final List<Long> seen = new ArrayList<>();
        try (LatestFrameSource latest = new LatestFrameSource(camera, System::nanoTime);
             CapturedFrame frame = new CapturedFrame()) {
            camera.deliver(10);
            camera.awaitDelivered(10);
            grabUntil(latest, frame, 10, seen);
            camera.deliver(5);
            camera.awaitDelivered(15);
            grabUntil(latest, frame, 15, seen);
        }

        for (int i = 1; i < seen.size(); i++) {
            assertTrue(seen.get(i) > seen.get(i - 1), "never an older frame than before: " + seen);
        }
        assertTrue(seen.size() <= 6, "frames nobody asked for were dropped, not queued: " + seen);
    }

    private static void grabUntil(final LatestFrameSource latest, final CapturedFrame frame, final long newest,
                                  final List<Long> seen) throws FrameSourceException {
        do {
            assertTrue(latest.grab(frame));
            seen.add(frame.captureTimeNanos());
        } while (frame.captureTimeNanos() < newest);
    }

    @Test
    void shouldReportTheEndOfTheLiveSource() throws Exception {
        final CameraLike camera = new CameraLike(2);
        try (LatestFrameSource latest = new LatestFrameSource(camera, System::nanoTime);
             CapturedFrame frame = new CapturedFrame()) {
            camera.deliver(3);
            camera.awaitDelivered(2);
            assertTrue(latest.grab(frame));
            assertFalse(latest.grab(frame));
        }
    }

    /** A camera whose frames are numbered 1, 2, 3... by capture time, released one by one by the test. */
    private static final class CameraLike implements FrameSource {
        private final long frames;
        private final Semaphore permits = new Semaphore(0);
        private final AtomicLong delivered = new AtomicLong();

        CameraLike(final long frames) {
            this.frames = frames;
        }

        void deliver(final int count) {
            permits.release(count);
        }

        void awaitDelivered(final long count) {
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (delivered.get() < Math.min(count, frames) && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
        }

        @Override
        public boolean grab(final CapturedFrame into) throws FrameSourceException {
            try {
                permits.acquire();
            } catch (final InterruptedException ex) {
                throw new FrameSourceException("interrupted", ex);
            }
            if (delivered.get() == frames) {
                return false;
            }
            into.image().create(4, 4, org.bytedeco.opencv.global.opencv_core.CV_8UC3);
            into.captureTimeNanos(delivered.incrementAndGet());
            return true;
        }

        @Override
        public boolean isLive() {
            return true;
        }

        @Override
        public String describe() {
            return "camera-like";
        }

        @Override
        public void close() {
            permits.release(1_000);
        }
    }
}

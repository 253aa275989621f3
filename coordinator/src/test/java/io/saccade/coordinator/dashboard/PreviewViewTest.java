package io.saccade.coordinator.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.saccade.protocol.ring.FrameStamp;
import io.saccade.protocol.ring.ParkingWordSignal;
import io.saccade.protocol.ring.RingFiles;
import io.saccade.protocol.ring.RingKind;
import io.saccade.protocol.ring.SlotRingWriter;
import io.saccade.protocol.tensor.InputSpec;
import io.saccade.protocol.time.NanoClock;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PreviewViewTest {
    private static final InputSpec PREVIEW = InputSpec.parse("64x48:bgr:nhwc:u8:stretch");
    private static final ParkingWordSignal SIGNAL = new ParkingWordSignal(10_000);

    @TempDir
    Path dir;

    @Test
    void shouldEncodeTheNewestPreviewOnceWithItsColoursInPlace() throws Exception {
        try (PreviewView view = new PreviewView(RingFiles.previews(dir), SIGNAL);
             SlotRingWriter writer = SlotRingWriter.open(RingFiles.previews(dir), RingKind.PREVIEW, PREVIEW, 2,
                 PREVIEW.tensorBytes(), SIGNAL, NanoClock.system())) {
            publish(writer, 7, new byte[] {(byte)255, 0, 0}); // blue, in B, G, R order
            publish(writer, 8, new byte[] {0, 0, (byte)255}); // red

            assertEquals(8, view.refresh(), "the newest preview");
            final byte[] jpeg = view.jpeg();
            assertEquals(8, view.refresh(), "nothing newer");
            assertSame(jpeg, view.jpeg(), "encoded once per preview");

            final BufferedImage image = ImageIO.read(new ByteArrayInputStream(jpeg));
            assertEquals(64, image.getWidth());
            assertEquals(48, image.getHeight());
            final Color left = new Color(image.getRGB(10, 24));
            assertTrue(left.getRed() > 200 && left.getGreen() < 40 && left.getBlue() < 40, "left half red: " + left);
            final Color right = new Color(image.getRGB(54, 24));
            assertTrue(right.getRed() < 40 && right.getGreen() < 40 && right.getBlue() < 40, "right half black: "
                + right);
        }
    }

    @Test
    void shouldHaveNoPictureWithoutAPreviewRing() {
        try (PreviewView view = new PreviewView(RingFiles.previews(dir), SIGNAL)) {
            assertEquals(-1, view.refresh());
            assertNull(view.jpeg());
        }
    }

    @Test
    void shouldRefuseARingOfAnotherPixelFormat() throws Exception {
        final InputSpec grey = InputSpec.parse("64x48:grey:nhwc:u8:stretch");
        try (PreviewView view = new PreviewView(RingFiles.previews(dir), SIGNAL);
             SlotRingWriter writer = SlotRingWriter.open(RingFiles.previews(dir), RingKind.PREVIEW, grey, 2,
                 grey.tensorBytes(), SIGNAL, NanoClock.system())) {
            writer.claim();
            writer.publish(new FrameStamp().set(1, 1, 0, 640, 480), grey.tensorBytes());

            assertEquals(-1, view.refresh(), "grey bytes are not shown as colour");
            assertNull(view.jpeg());
        }
    }

    /** Publishes a preview painted in one colour over its left half, black over the right. */
    private static void publish(final SlotRingWriter writer, final long seq, final byte[] bgr) {
        final MemorySegment slot = writer.claim();
        for (int i = 0; i < PREVIEW.tensorBytes(); i++) {
            final boolean left = i / 3 % PREVIEW.width() < PREVIEW.width() / 2;
            slot.set(ValueLayout.JAVA_BYTE, i, left ? bgr[i % 3] : 0);
        }
        writer.publish(new FrameStamp().set(1, seq, 0, 640, 480), PREVIEW.tensorBytes());
    }
}

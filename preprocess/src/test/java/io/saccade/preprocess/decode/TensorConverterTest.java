package io.saccade.preprocess.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.saccade.preprocess.reassembly.JpegFramePool;
import io.saccade.preprocess.testing.JpegFrames;
import io.saccade.preprocess.testing.TestJpegs;
import io.saccade.protocol.tensor.InputSpec;
import io.saccade.protocol.tensor.Letterbox;
import java.awt.image.BufferedImage;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Tensors from a known JPEG, checked against values computed from the JDK's own decode of the same JPEG. */
class TensorConverterTest {
    private static final ValueLayout.OfFloat F32 = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.nativeOrder());
    private static final ValueLayout.OfShort F16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.nativeOrder());

    private final Arena arena = Arena.ofConfined();
    private final JpegFramePool pool = new JpegFramePool(2, 1 << 20);
    private final JpegDecoder decoder = new JpegDecoder(1 << 20);

    @AfterEach
    void free() {
        decoder.close();
        arena.close();
    }

    @Test
    void shouldNormaliseToInterleavedFloatsInRgbOrder() throws Exception {
        final byte[] jpeg = TestJpegs.quadrants(600, 600);
        final InputSpec spec = InputSpec.parse("300x300:rgb:nhwc:f32:stretch:mean=127.5:std=127.5");

        final MemorySegment tensor = convert(spec, jpeg);

        final BufferedImage reference = TestJpegs.decode(jpeg);
        for (final int[] at : quadrantCentres(300, 300)) {
            final int rgb = reference.getRGB(at[0] * 2, at[1] * 2);
            for (int c = 0; c < 3; c++) {
                final float expected = (channel(rgb, c) - 127.5f) / 127.5f;
                final float actual = tensor.get(F32, 4L * ((at[1] * 300L + at[0]) * 3 + c));
                assertEquals(expected, actual, 3 / 127.5f, "pixel " + at[0] + "," + at[1] + " channel " + c);
            }
        }
    }

    @Test
    void shouldWritePlanarHalfFloatsWithPerChannelNormalisation() throws Exception {
        final byte[] jpeg = TestJpegs.quadrants(640, 480);
        final InputSpec spec = InputSpec.parse("224x224:bgr:nchw:f16:stretch:mean=100,110,120:std=50,60,70");
        final float[] mean = {100, 110, 120};
        final float[] std = {50, 60, 70};

        final MemorySegment tensor = convert(spec, jpeg);

        final BufferedImage reference = TestJpegs.decode(jpeg);
        for (final int[] at : quadrantCentres(224, 224)) {
            final int rgb = reference.getRGB(at[0] * 640 / 224, at[1] * 480 / 224);
            for (int c = 0; c < 3; c++) {
                final int bgr = channel(rgb, 2 - c);
                final long index = (long)c * 224 * 224 + at[1] * 224L + at[0];
                final float actual = Float.float16ToFloat(tensor.get(F16, 2 * index));
                assertEquals((bgr - mean[c]) / std[c], actual, 0.06f, "plane " + c + " at " + at[0] + "," + at[1]);
            }
        }
    }

    @Test
    void shouldLetterboxKeepingTheAspectRatioAndPadWithZeros() throws Exception {
        final byte[] jpeg = TestJpegs.quadrants(640, 480);
        final InputSpec spec = InputSpec.parse("300x300:bgr:nhwc:u8:letterbox");
        final TensorConverter converter = new TensorConverter(spec);

        final MemorySegment tensor = convert(converter, jpeg);

        assertEquals(new Letterbox(640, 480, 300, 300, 300, 225, 0, 37), converter.letterbox());
        for (final int row : new int[] {0, 20, 36, 262, 299}) {
            for (int x = 0; x < 300; x += 13) {
                assertEquals(0, tensor.get(ValueLayout.JAVA_BYTE, (row * 300L + x) * 3), "padding row " + row);
            }
        }
        final BufferedImage reference = TestJpegs.decode(jpeg);
        final int rgb = reference.getRGB(160, 120);
        final long topLeftCentre = ((37 + 56) * 300L + 75) * 3;
        assertEquals(channel(rgb, 2), tensor.get(ValueLayout.JAVA_BYTE, topLeftCentre) & 0xFF, 3, "blue first");
        assertEquals(channel(rgb, 0), tensor.get(ValueLayout.JAVA_BYTE, topLeftCentre + 2) & 0xFF, 3);
        converter.close();
    }

    @Test
    void shouldMakeGreyThumbnails() throws Exception {
        final byte[] jpeg = TestJpegs.quadrants(640, 480);
        final MemorySegment thumbnail = arena.allocate(80 * 60);

        try (ThumbnailConverter converter = new ThumbnailConverter(80, 60)) {
            assertEquals(4800, converter.convert(decode(jpeg), thumbnail));
        }

        final BufferedImage reference = TestJpegs.decode(jpeg);
        for (final int[] at : quadrantCentres(80, 60)) {
            final int rgb = reference.getRGB(at[0] * 8, at[1] * 8);
            final double luma = 0.299 * channel(rgb, 0) + 0.587 * channel(rgb, 1) + 0.114 * channel(rgb, 2);
            assertEquals(luma, thumbnail.get(ValueLayout.JAVA_BYTE, at[1] * 80L + at[0]) & 0xFF, 3);
        }
    }

    @Test
    void shouldRefuseBytesThatAreNotAJpeg() {
        assertNull(decoder.decode(JpegFrames.of(pool, 1, 1, "definitely not a jpeg".getBytes())));
    }

    private MemorySegment convert(final InputSpec spec, final byte[] jpeg) {
        try (TensorConverter converter = new TensorConverter(spec)) {
            return convert(converter, jpeg);
        }
    }

    private MemorySegment convert(final TensorConverter converter, final byte[] jpeg) {
        final MemorySegment tensor = arena.allocate(converter.spec().tensorBytes(), 64);
        assertEquals(converter.spec().tensorBytes(), converter.convert(decode(jpeg), tensor));
        return tensor;
    }

    private Mat decode(final byte[] jpeg) {
        final Mat bgr = decoder.decode(JpegFrames.of(pool, 1, 1, jpeg));
        assertNotNull(bgr);
        return bgr;
    }

    /** Points in the middle of each quadrant, far from the edges where JPEG chroma subsampling blurs. */
    private static int[][] quadrantCentres(final int width, final int height) {
        return new int[][] {{width / 4, height / 4}, {3 * width / 4, height / 4}, {width / 4, 3 * height / 4},
            {3 * width / 4, 3 * height / 4}};
    }

    /** @return channel 0 = red, 1 = green, 2 = blue of a packed RGB int. */
    private static int channel(final int rgb, final int channel) {
        return rgb >> (16 - 8 * channel) & 0xFF;
    }
}

package io.saccade.robot.encode;

import static org.bytedeco.opencv.global.opencv_core.CV_8U;
import static org.bytedeco.opencv.global.opencv_core.absdiff;
import static org.bytedeco.opencv.global.opencv_core.mean;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imdecode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.saccade.robot.source.SyntheticFrameSource;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;

class JpegEncoderTest {
    @Test
    void shouldEncodeAJpegThatDecodesToTheSameImage() {
        try (JpegEncoder encoder = new JpegEncoder(640, 480, 90);
             SyntheticFrameSource source = new SyntheticFrameSource(640, 480, () -> 0L);
             Mat original = new Mat()) {
            source.render(3, original);

            final int length = encoder.encode(original);

            assertEquals((byte)0xFF, encoder.bytes()[0]);
            assertEquals((byte)0xD8, encoder.bytes()[1], "JPEG start-of-image marker");
            try (Mat decoded = decode(encoder.bytes(), length); Mat difference = new Mat()) {
                assertEquals(640, decoded.cols());
                absdiff(original, decoded, difference);
                assertTrue(mean(difference).get(0) < 4.0, "quality 90 stays close to the original");
            }
        }
    }

    @Test
    void shouldResizeToTheConfiguredSize() {
        try (JpegEncoder encoder = new JpegEncoder(320, 240, 80);
             SyntheticFrameSource source = new SyntheticFrameSource(1280, 720, () -> 0L);
             Mat large = new Mat()) {
            source.render(0, large);

            final int length = encoder.encode(large);

            try (Mat decoded = decode(encoder.bytes(), length)) {
                assertEquals(320, decoded.cols());
                assertEquals(240, decoded.rows());
            }
        }
    }

    @Test
    void shouldMakeSmallerFilesAtLowerQuality() {
        try (JpegEncoder high = new JpegEncoder(640, 480, 95);
             JpegEncoder low = new JpegEncoder(640, 480, 30);
             SyntheticFrameSource source = new SyntheticFrameSource(640, 480, () -> 0L);
             Mat frame = new Mat()) {
            source.render(9, frame);

            assertTrue(low.encode(frame) < high.encode(frame));
        }
    }

    @Test
    void shouldRefuseQualityOutOfRange() {
        assertThrows(IllegalArgumentException.class, () -> new JpegEncoder(640, 480, 0));
        assertThrows(IllegalArgumentException.class, () -> new JpegEncoder(640, 480, 101));
    }

    private static Mat decode(final byte[] jpeg, final int length) {
        try (Mat encoded = new Mat(1, length, CV_8U)) {
            encoded.data().put(jpeg, 0, length);
            return imdecode(encoded, IMREAD_COLOR);
        }
    }
}

package io.saccade.preprocess.decode;

import static org.bytedeco.opencv.global.opencv_core.CV_8U;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imdecode;

import io.saccade.preprocess.reassembly.JpegFrame;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Decodes JPEG frames with OpenCV (libjpeg-turbo) into a reused BGR image. Not thread-safe.
 */
public final class JpegDecoder implements AutoCloseable {
    private final BytePointer encoded;
    private final Mat decoded = new Mat();

    /**
     * @param capacity largest JPEG to decode.
     */
    public JpegDecoder(final int capacity) {
        this.encoded = new BytePointer(capacity);
    }

    /**
     * @param frame a complete frame.
     * @return the decoded BGR image (reused: valid until the next call), or {@code null} when the bytes are not a
     *     JPEG OpenCV can decode.
     */
    public Mat decode(final JpegFrame frame) {
        return decode(frame.data(), frame.length());
    }

    /**
     * @param jpeg   a buffer holding a JPEG.
     * @param length how many of its bytes.
     * @return the decoded BGR image (reused: valid until the next call), or {@code null} when the bytes are not a
     *     JPEG OpenCV can decode.
     */
    public Mat decode(final byte[] jpeg, final int length) {
        encoded.position(0).put(jpeg, 0, length);
        try (Mat bytes = new Mat(1, length, CV_8U, encoded)) {
            imdecode(bytes, IMREAD_COLOR, decoded);
        } catch (final RuntimeException ex) {
            return null;
        }
        return decoded.empty() ? null : decoded;
    }

    @Override
    public void close() {
        decoded.close();
        encoded.close();
    }
}

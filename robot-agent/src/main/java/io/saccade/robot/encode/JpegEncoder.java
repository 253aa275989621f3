package io.saccade.robot.encode;

import static org.bytedeco.opencv.global.opencv_imgcodecs.IMWRITE_JPEG_QUALITY;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imencode;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * Resizes frames to the configured size and encodes them as JPEG with OpenCV. The output bytes live in a reused
 * array, valid until the next {@link #encode}. Not thread-safe.
 */
public final class JpegEncoder implements AutoCloseable {
    private final int width;
    private final int height;
    private final Size size;
    private final IntPointer parameters;
    private final Mat resized = new Mat();
    private final BytePointer encoded = new BytePointer();
    private byte[] bytes = new byte[64 * 1024];
    private int length;

    /**
     * @param width   output width in pixels.
     * @param height  output height in pixels.
     * @param quality JPEG quality, 1..100.
     */
    public JpegEncoder(final int width, final int height, final int quality) {
        if (quality < 1 || quality > 100) {
            throw new IllegalArgumentException("JPEG quality must be 1..100, got " + quality);
        }
        this.width = width;
        this.height = height;
        this.size = new Size(width, height);
        this.parameters = new IntPointer(IMWRITE_JPEG_QUALITY, quality);
    }

    /**
     * Encodes a frame, resizing it first when it is not the configured size.
     *
     * @param bgr the frame, BGR, 8 bits per channel.
     * @return the number of JPEG bytes now in {@link #bytes()}.
     * @throws IllegalStateException when OpenCV refuses the image.
     */
    public int encode(final Mat bgr) {
        Mat image = bgr;
        if (bgr.cols() != width || bgr.rows() != height) {
            final boolean shrinking = bgr.cols() > width || bgr.rows() > height;
            resize(bgr, resized, size, 0, 0, shrinking ? INTER_AREA : INTER_LINEAR);
            image = resized;
        }
        if (!imencode(".jpg", image, encoded, parameters)) {
            throw new IllegalStateException("OpenCV could not encode a " + image.cols() + "x" + image.rows()
                + " image");
        }
        length = (int)encoded.limit();
        if (bytes.length < length) {
            bytes = new byte[Math.max(length, bytes.length * 2)];
        }
        encoded.get(bytes, 0, length);
        return length;
    }

    /** @return the JPEG bytes of the last frame encoded; {@link #length()} of them are valid. */
    public byte[] bytes() {
        return bytes;
    }

    /** @return how many bytes the last frame encoded to. */
    public int length() {
        return length;
    }

    @Override
    public void close() {
        resized.close();
        encoded.close();
        parameters.close();
        size.close();
    }
}

package io.saccade.accelerator.testing;

import io.saccade.accelerator.inference.FrameTensor;
import io.saccade.preprocess.decode.JpegDecoder;
import io.saccade.preprocess.decode.TensorConverter;
import io.saccade.protocol.tensor.InputSpec;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bytedeco.opencv.opencv_core.Mat;

/** Turns an image file into a model's tensor through preprocess's own decode and conversion. */
public final class TestFrames {
    private TestFrames() {
    }

    /**
     * @param image a JPEG file.
     * @param spec  the model input.
     * @return the tensor, with the frame's size.
     * @throws IOException when the file cannot be read.
     */
    public static FrameTensor tensorOf(final Path image, final InputSpec spec) throws IOException {
        final byte[] jpeg = Files.readAllBytes(image);
        final FrameTensor tensor = new FrameTensor(spec);
        try (JpegDecoder decoder = new JpegDecoder(jpeg.length); TensorConverter converter = new TensorConverter(
            spec)) {
            final Mat bgr = decoder.decode(jpeg, jpeg.length);
            if (bgr == null) {
                throw new IOException(image + " does not decode");
            }
            converter.convert(bgr, MemorySegment.ofBuffer(tensor.tensor()));
            return tensor.frameSize(bgr.cols(), bgr.rows());
        }
    }
}

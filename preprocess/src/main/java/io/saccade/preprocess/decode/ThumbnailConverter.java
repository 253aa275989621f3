package io.saccade.preprocess.decode;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2GRAY;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import io.saccade.protocol.tensor.InputSpec;
import java.lang.foreign.MemorySegment;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * Makes the small grey thumbnail of every frame that the coordinator compares regions on: area-averaged down to the
 * thumbnail size (2x2 halvings, then one last area step), then to grey, written in place into shared memory.
 * Not thread-safe.
 */
public final class ThumbnailConverter implements FrameConverter {
    private final InputSpec spec;
    private final Size size;
    private final AreaReducer reducer = new AreaReducer();
    private final Mat small = new Mat();
    private final MatViews outputs;

    /**
     * @param width  thumbnail width.
     * @param height thumbnail height.
     */
    public ThumbnailConverter(final int width, final int height) {
        this.spec = InputSpec.parse(width + "x" + height + ":grey:nhwc:u8:stretch");
        this.size = new Size(width, height);
        this.outputs = new MatViews(height, width, CV_8UC1, 1, spec.tensorBytes());
    }

    /** The thumbnails' spec: grey, 8 bits, stretched. */
    @Override
    public InputSpec spec() {
        return spec;
    }

    /**
     * @param bgr    the decoded frame.
     * @param output where the thumbnail goes.
     * @return its length in bytes.
     */
    @Override
    public int convert(final Mat bgr, final MemorySegment output) {
        resize(reducer.reduce(bgr, size.width(), size.height()), small, size, 0, 0, INTER_AREA);
        cvtColor(small, outputs.over(output)[0], COLOR_BGR2GRAY);
        return spec.tensorBytes();
    }

    @Override
    public void close() {
        outputs.close();
        reducer.close();
        small.close();
        size.close();
    }
}

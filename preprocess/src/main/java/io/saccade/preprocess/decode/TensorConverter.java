package io.saccade.preprocess.decode;

import static org.bytedeco.opencv.global.opencv_core.CV_16F;
import static org.bytedeco.opencv.global.opencv_core.CV_32F;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC;
import static org.bytedeco.opencv.global.opencv_core.CV_MAKETYPE;
import static org.bytedeco.opencv.global.opencv_core.split;
import static org.bytedeco.opencv.global.opencv_core.transform;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2GRAY;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2RGB;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import io.saccade.protocol.tensor.ElementType;
import io.saccade.protocol.tensor.InputSpec;
import io.saccade.protocol.tensor.Letterbox;
import io.saccade.protocol.tensor.Normalisation;
import io.saccade.protocol.tensor.TensorLayout;
import java.lang.foreign.MemorySegment;
import org.bytedeco.javacpp.indexer.FloatIndexer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.MatVector;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * Turns a decoded BGR frame into one model's input tensor, written in place into shared memory: resize or
 * letterbox, colour order, element type, normalisation and layout as the {@link InputSpec} says. Every buffer is
 * made on the first frame of a size and reused; a frame costs no allocation after that. Not thread-safe.
 */
public final class TensorConverter implements FrameConverter {
    private final InputSpec spec;
    private final int channels;
    private final int depth;
    private final AreaReducer reducer = new AreaReducer();
    private final Mat resized = new Mat();
    private final Mat canvas;
    private final Mat floats = new Mat();
    private final Mat normalised = new Mat();
    private final Mat affine;
    private final MatViews outputs;
    private final MatVector planes;
    private Letterbox letterbox;
    private Mat content;
    private Size contentSize;

    /**
     * @param spec the model input to produce.
     */
    public TensorConverter(final InputSpec spec) {
        this.spec = spec;
        this.channels = spec.channels();
        this.depth = switch (spec.elementType()) {
            case F32 -> CV_32F;
            case F16 -> CV_16F;
            case U8 -> org.bytedeco.opencv.global.opencv_core.CV_8U;
        };
        this.canvas = new Mat(spec.height(), spec.width(), CV_8UC(channels), Scalar.all(0));
        this.affine = affineOf(spec.normalisation(), channels);
        final boolean planar = spec.layout() == TensorLayout.NCHW && channels > 1;
        final long elementBytes = spec.elementType().bytes();
        this.outputs = planar
            ? new MatViews(spec.height(), spec.width(), typeOf(1), channels, (long)spec.width() * spec.height()
                * elementBytes)
            : new MatViews(spec.height(), spec.width(), typeOf(channels), 1, spec.tensorBytes());
        this.planes = planar ? new MatVector(channels) : null;
    }

    /**
     * Writes the tensor of one frame.
     *
     * @param bgr    the decoded frame, BGR, 8 bits per channel.
     * @param output where the tensor goes, at least {@link InputSpec#tensorBytes()} bytes.
     * @return the tensor's length in bytes.
     */
    @Override
    public int convert(final Mat bgr, final MemorySegment output) {
        place(bgr);
        final Mat[] targets = outputs.over(output);
        if (planes == null) {
            toElements(canvas, targets[0]);
        } else {
            toElements(canvas, normalised);
            for (int plane = 0; plane < channels; plane++) {
                planes.put(plane, targets[plane]);
            }
            split(normalised, planes);
        }
        return spec.tensorBytes();
    }

    /** @return where the last frame landed inside the input. */
    public Letterbox letterbox() {
        return letterbox;
    }

    @Override
    public InputSpec spec() {
        return spec;
    }

    /** Resizes into the canvas (inside the letterbox content area) in the model's colour order. */
    private void place(final Mat bgr) {
        final Letterbox fit = Letterbox.fit(bgr.cols(), bgr.rows(), spec);
        if (!fit.equals(letterbox)) {
            letterbox = fit;
            canvas.put(Scalar.all(0));
            closeContent();
            content = new Mat(canvas, new Rect(fit.padLeft(), fit.padTop(), fit.contentWidth(), fit.contentHeight()));
            contentSize = new Size(fit.contentWidth(), fit.contentHeight());
        }
        resize(reducer.reduce(bgr, fit.contentWidth(), fit.contentHeight()), resized, contentSize, 0, 0,
            INTER_LINEAR);
        switch (spec.colourOrder()) {
            case RGB -> cvtColor(resized, content, COLOR_BGR2RGB);
            case GREY -> cvtColor(resized, content, COLOR_BGR2GRAY);
            case BGR -> resized.copyTo(content);
        }
    }

    /** Converts the 8-bit canvas to the element type with the spec's normalisation. */
    private void toElements(final Mat source, final Mat target) {
        if (spec.elementType() == ElementType.U8) {
            source.copyTo(target);
        } else if (spec.normalisation().isUniform() || channels == 1) {
            source.convertTo(target, depth, spec.normalisation().scale(0), spec.normalisation().offset(0));
        } else if (depth == CV_32F) {
            source.convertTo(floats, CV_32F);
            transform(floats, target, affine);
        } else {
            source.convertTo(floats, CV_32F);
            transform(floats, floats, affine);
            floats.convertTo(target, depth);
        }
    }

    private int typeOf(final int channelCount) {
        return CV_MAKETYPE(depth, channelCount);
    }

    /** The per-channel affine map value = pixel * scale[c] + offset[c], as the c x (c + 1) matrix cv::transform takes.
     * */
    private static Mat affineOf(final Normalisation normalisation, final int channels) {
        final Mat matrix = new Mat(channels, channels + 1, CV_32F, Scalar.all(0));
        try (FloatIndexer values = matrix.createIndexer()) {
            for (int c = 0; c < channels; c++) {
                values.put(c, c, normalisation.scale(c));
                values.put(c, channels, normalisation.offset(c));
            }
        }
        return matrix;
    }

    private void closeContent() {
        if (content != null) {
            content.close();
            contentSize.close();
        }
    }

    @Override
    public void close() {
        outputs.close();
        reducer.close();
        resized.close();
        canvas.close();
        floats.close();
        normalised.close();
        affine.close();
        closeContent();
        if (planes != null) {
            planes.close();
        }
    }
}

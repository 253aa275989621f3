package io.saccade.accelerator.inference;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.NoBatchifyTranslator;
import ai.djl.translate.TranslateException;
import ai.djl.translate.TranslatorContext;
import io.saccade.accelerator.detect.DetectionHead;
import io.saccade.accelerator.model.ModelOutputs;
import io.saccade.protocol.message.Detection;
import io.saccade.protocol.tensor.InputSpec;
import io.saccade.protocol.tensor.Letterbox;
import io.saccade.protocol.tensor.TensorLayout;
import java.nio.FloatBuffer;
import java.util.List;

/**
 * The seam between a frame's tensor and any DJL engine: the tensor goes in as one NDArray over the frame's buffer
 * (engines that can, use it without copying), the named box and score outputs are gathered into the
 * {@link DetectionHead}, which decodes them.
 */
final class DetectorTranslator implements NoBatchifyTranslator<FrameTensor, List<Detection>> {
    private final DetectionHead head;
    private final ModelOutputs outputs;
    private final Shape inputShape;
    private final DataType inputType;
    private Letterbox letterbox;

    DetectorTranslator(final InputSpec spec, final DetectionHead head, final ModelOutputs outputs) {
        this.head = head;
        this.outputs = outputs;
        this.inputShape = spec.layout() == TensorLayout.NCHW
            ? new Shape(1, spec.channels(), spec.height(), spec.width())
            : new Shape(1, spec.height(), spec.width(), spec.channels());
        this.inputType = switch (spec.elementType()) {
            case F32 -> DataType.FLOAT32;
            case F16 -> DataType.FLOAT16;
            case U8 -> DataType.UINT8;
        };
    }

    @Override
    public NDList processInput(final TranslatorContext context, final FrameTensor input) {
        final Letterbox current = letterbox;
        if (current == null || current.frameWidth() != input.frameWidth()
            || current.frameHeight() != input.frameHeight()) {
            letterbox = Letterbox.fit(input.frameWidth(), input.frameHeight(), input.spec());
        }
        return new NDList(context.getNDManager().create(input.tensor().duplicate().clear(), inputShape, inputType));
    }

    @Override
    public List<Detection> processOutput(final TranslatorContext context, final NDList list)
        throws TranslateException {
        gather(list, outputs.boxes(), head.rawBoxes());
        gather(list, outputs.scores(), head.rawScores());
        return head.decode(letterbox);
    }

    /** Concatenates the named outputs into {@code target}, which they must fill exactly. */
    private static void gather(final NDList list, final List<String> names, final float[] target)
        throws TranslateException {
        int offset = 0;
        for (final String name : names) {
            final NDArray output = list.get(name);
            if (output == null) {
                throw new TranslateException("the model has no output '" + name + "'; it has "
                    + list.stream().map(NDArray::getName).toList());
            }
            if (output.getDataType() != DataType.FLOAT32) {
                throw new TranslateException("output '" + name + "' is " + output.getDataType() + ", not float32");
            }
            final FloatBuffer values = output.toByteBuffer().asFloatBuffer();
            if (offset + values.remaining() > target.length) {
                throw new TranslateException("outputs " + names + " hold more than the " + target.length
                    + " values the anchors need");
            }
            final int count = values.remaining();
            values.get(target, offset, count);
            offset += count;
        }
        if (offset != target.length) {
            throw new TranslateException("outputs " + names + " hold " + offset + " values, the anchors need "
                + target.length);
        }
    }
}

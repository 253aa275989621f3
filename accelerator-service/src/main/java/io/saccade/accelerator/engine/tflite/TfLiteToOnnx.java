package io.saccade.accelerator.engine.tflite;

import static org.bytedeco.tensorflowlite.global.tensorflowlite.GetOpNameByRegistration;
import static org.bytedeco.tensorflowlite.global.tensorflowlite.kTfLiteBuiltinAdd;
import static org.bytedeco.tensorflowlite.global.tensorflowlite.kTfLiteBuiltinConcatenation;
import static org.bytedeco.tensorflowlite.global.tensorflowlite.kTfLiteBuiltinConv2d;
import static org.bytedeco.tensorflowlite.global.tensorflowlite.kTfLiteBuiltinDepthwiseConv2d;
import static org.bytedeco.tensorflowlite.global.tensorflowlite.kTfLiteBuiltinDequantize;
import static org.bytedeco.tensorflowlite.global.tensorflowlite.kTfLiteBuiltinReshape;
import static org.bytedeco.tensorflowlite.global.tensorflowlite.kTfLiteFloat16;
import static org.bytedeco.tensorflowlite.global.tensorflowlite.kTfLiteFloat32;
import static org.bytedeco.tensorflowlite.global.tensorflowlite.kTfLiteMmapRo;
import static org.bytedeco.tensorflowlite.global.tensorflowlite.kTfLiteOk;

import io.saccade.accelerator.engine.tflite.OnnxGraph.Attribute;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.tensorflowlite.BuiltinOpResolverWithoutDefaultDelegates;
import org.bytedeco.tensorflowlite.FlatBufferModel;
import org.bytedeco.tensorflowlite.Interpreter;
import org.bytedeco.tensorflowlite.InterpreterBuilder;
import org.bytedeco.tensorflowlite.RegistrationNodePair;
import org.bytedeco.tensorflowlite.TfLiteIntArray;
import org.bytedeco.tensorflowlite.TfLiteNode;
import org.bytedeco.tensorflowlite.TfLiteTensor;

/**
 * Converts a floating-point convolutional TFLite graph to ONNX, so that ONNX Runtime can run it: on these x86 cores
 * its hand-written GEMM and convolution kernels run the SSD in ~24 ms where XNNPACK (as built for bytedeco's TFLite)
 * needs ~42 ms single-threaded. The graph is read through TFLite's own interpreter, so shapes are the ones TFLite
 * computes; fp16 weights (the DEQUANTIZE nodes of fp16 models) become fp32 constants.
 *
 * <p>Supported: CONV_2D, DEPTHWISE_CONV_2D (SAME or VALID padding, no dilation; fused NONE, RELU, RELU_N1_TO_1,
 * RELU6), ADD (two computed operands), RESHAPE, CONCATENATION and DEQUANTIZE of constants. Anything else is refused
 * with the operator's name, and the model stays on the TFLite engine. TFLite computes in NHWC, ONNX convolutions
 * in NCHW: four-dimensional activations are carried in NCHW, transposed once at a 4-D input and back wherever the
 * graph reshapes them or hands them out.
 * <p>
 * Large because one converter per TFLite operator the catalog's models use; its own package is the next step when it
 * grows.
 */
public final class TfLiteToOnnx {
    private static final int PADDING_SAME = 1;
    private static final int PADDING_VALID = 2;
    private static final int ACT_NONE = 0;
    private static final int ACT_RELU = 1;
    private static final int ACT_RELU_N1_TO_1 = 2;
    private static final int ACT_RELU6 = 3;
    private static final long[] TO_NCHW = {0, 3, 1, 2};
    private static final long[] TO_NHWC = {0, 2, 3, 1};

    /**
     * A converted model.
     *
     * @param onnx         the ONNX model's bytes.
     * @param operators    TFLite operators converted.
     * @param multiplyAdds multiply-adds of one inference in the convolutions (the model's bulk).
     */
    public record Converted(byte[] onnx, int operators, long multiplyAdds) {
    }

    private final Interpreter interpreter;
    private final OnnxGraph graph;
    private final Map<Integer, float[]> constants = new HashMap<>();
    private final Set<Integer> channelsFirst = new HashSet<>();
    private final Set<String> clipBounds = new HashSet<>();

    private TfLiteToOnnx(final Interpreter interpreter, final String name) {
        this.interpreter = interpreter;
        this.graph = new OnnxGraph(name);
    }

    /**
     * @param file a {@code .tflite} flat buffer.
     * @return the ONNX model.
     * @throws IllegalArgumentException naming the file and what cannot be converted.
     */
    public static Converted convert(final Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no TFLite model at " + file);
        }
        try (FlatBufferModel flatBuffer = FlatBufferModel.BuildFromFile(file.toString());
             BuiltinOpResolverWithoutDefaultDelegates resolver = new BuiltinOpResolverWithoutDefaultDelegates();
             Interpreter interpreter = new Interpreter((Pointer)null)) {
            if (flatBuffer == null || flatBuffer.isNull()) {
                throw new IllegalArgumentException(file + " is not a TFLite flat buffer");
            }
            try (InterpreterBuilder builder = new InterpreterBuilder(flatBuffer, resolver)) {
                require(builder.apply(interpreter) == kTfLiteOk, "TFLite cannot build an interpreter");
            }
            require(interpreter.AllocateTensors() == kTfLiteOk, "TFLite cannot allocate its tensors");
            final TfLiteToOnnx converter = new TfLiteToOnnx(interpreter, file.getFileName().toString());
            final byte[] onnx = converter.run();
            return new Converted(onnx, (int)interpreter.nodes_size(), TfLiteInterpreter.multiplyAdds(interpreter));
        } catch (final IllegalArgumentException ex) {
            throw new IllegalArgumentException("cannot convert " + file + " to ONNX: " + ex.getMessage(), ex);
        }
    }

    private byte[] run() {
        final IntPointer inputs = interpreter.inputs();
        for (int i = 0; i < inputs.limit(); i++) {
            final int tensor = inputs.get(i);
            final String name = interpreter.GetInputName(i).getString();
            requireFloat(tensor, "input " + name);
            graph.input(name, dims(tensor));
            if (dims(tensor).length == 4) {
                graph.node("Transpose", List.of(name), id(tensor), Attribute.integers("perm", TO_NCHW));
                channelsFirst.add(tensor);
            } else {
                graph.node("Identity", List.of(name), id(tensor));
            }
        }
        for (int node = 0; node < interpreter.nodes_size(); node++) {
            final RegistrationNodePair entry = interpreter.node_and_registration(node);
            try {
                convert(node, entry.second().builtin_code(), entry.first());
            } catch (final IllegalArgumentException ex) {
                throw new IllegalArgumentException(GetOpNameByRegistration(entry.second()) + " (node " + node + "): "
                    + ex.getMessage(), ex);
            }
        }
        final IntPointer outputs = interpreter.outputs();
        for (int i = 0; i < outputs.limit(); i++) {
            final int tensor = outputs.get(i);
            final String name = interpreter.GetOutputName(i).getString();
            requireFloat(tensor, "output " + name);
            graph.output(name, dims(tensor));
            if (channelsFirst.contains(tensor)) {
                graph.node("Transpose", List.of(id(tensor)), name, Attribute.integers("perm", TO_NHWC));
            } else {
                graph.node("Identity", List.of(id(tensor)), name);
            }
        }
        return graph.model("saccade (from TFLite " + interpreter.nodes_size() + " operators)");
    }

    private void convert(final int node, final int op, final TfLiteNode tfNode) {
        final int[] in = ints(tfNode.inputs());
        final int out = tfNode.outputs().data(0);
        final IntPointer params = tfNode.builtin_data() == null || tfNode.builtin_data().isNull() ? null
            : new IntPointer(tfNode.builtin_data());
        if (op == kTfLiteBuiltinDequantize) {
            constants.put(out, floats(in[0], "DEQUANTIZE input"));
        } else if (op == kTfLiteBuiltinConv2d) {
            // TfLiteConvParams: padding, stride_width, stride_height, activation, dilation_width, dilation_height.
            requireNoDilation(params.get(4), params.get(5));
            convolution(node, in, out, params.get(0), params.get(1), params.get(2), params.get(3), false);
        } else if (op == kTfLiteBuiltinDepthwiseConv2d) {
            // TfLiteDepthwiseConvParams: padding, stride_width, stride_height, depth_multiplier, activation, dilations.
            requireNoDilation(params.get(5), params.get(6));
            convolution(node, in, out, params.get(0), params.get(1), params.get(2), params.get(4), true);
        } else if (op == kTfLiteBuiltinAdd) {
            // TfLiteAddParams: activation first.
            require(computed(in[0]) && computed(in[1]), "a constant operand");
            require(channelsFirst.contains(in[0]) == channelsFirst.contains(in[1]), "operands in different layouts");
            activation(node, "Add", List.of(id(in[0]), id(in[1])), out, params.get(0));
            layoutFollows(in[0], out);
        } else if (op == kTfLiteBuiltinReshape) {
            String source = id(in[0]);
            if (channelsFirst.contains(in[0])) {
                source = "nhwc_" + node;
                graph.node("Transpose", List.of(id(in[0])), source, Attribute.integers("perm", TO_NHWC));
            }
            final String shape = "shape_" + node;
            graph.initializer(shape, dims(out)).node("Reshape", List.of(source, shape), id(out));
        } else if (op == kTfLiteBuiltinConcatenation) {
            // TfLiteConcatenationParams: axis, activation.
            final boolean nchw = channelsFirst.contains(in[0]);
            final List<String> parts = new ArrayList<>();
            for (final int input : in) {
                require(computed(input) && channelsFirst.contains(input) == nchw,
                    "a constant operand or operands in different layouts");
                parts.add(id(input));
            }
            final int rank = dims(out).length;
            final int axis = params.get(0) < 0 ? params.get(0) + rank : params.get(0);
            activation(node, "Concat", parts, out, params.get(1),
                Attribute.integer("axis", nchw ? TO_NHWC[axis] : axis));
            layoutFollows(in[0], out);
        } else {
            throw new IllegalArgumentException("operator not supported");
        }
    }

    private void convolution(final int node, final int[] in, final int out, final int padding, final int strideWidth,
                             final int strideHeight, final int activation, final boolean depthwise) {
        require(channelsFirst.contains(in[0]), "an input that is not a 4-D activation");
        require(padding == PADDING_SAME || padding == PADDING_VALID, "padding " + padding);
        final int[] filter = intDims(in[1]);
        final float[] weights = constant(in[1], "filter of node " + node);
        final int height = filter[1];
        final int width = filter[2];
        // TFLite filters are OHWI ([1, H, W, C*M] for depthwise); ONNX wants OIHW ([C*M, 1, H, W], group = C).
        final int outputs = depthwise ? filter[3] : filter[0];
        final int perGroup = depthwise ? 1 : filter[3];
        final float[] oihw = new float[weights.length];
        for (int o = 0; o < outputs; o++) {
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    for (int i = 0; i < perGroup; i++) {
                        oihw[((o * perGroup + i) * height + y) * width + x] = depthwise
                            ? weights[(y * width + x) * outputs + o]
                            : weights[((o * height + y) * width + x) * perGroup + i];
                    }
                }
            }
        }
        final String filterName = "filter_" + node;
        graph.initializer(filterName, oihw, outputs, perGroup, height, width);
        final List<String> inputs = new ArrayList<>(List.of(id(in[0]), filterName));
        if (in.length > 2 && in[2] >= 0) {
            final String biasName = "bias_" + node;
            graph.initializer(biasName, constant(in[2], "bias of node " + node), outputs);
            inputs.add(biasName);
        }
        final int groups = depthwise ? intDims(in[0])[3] : 1;
        activation(node, "Conv", inputs, out, activation,
            Attribute.string("auto_pad", padding == PADDING_SAME ? "SAME_UPPER" : "VALID"),
            Attribute.integers("strides", strideHeight, strideWidth), Attribute.integer("group", groups),
            Attribute.integers("kernel_shape", height, width));
        channelsFirst.add(out);
    }

    /** Emits the operation and, when TFLite fused an activation into it, the activation after it. */
    private void activation(final int node, final String op, final List<String> inputs, final int out,
                            final int activation, final Attribute... attributes) {
        if (activation == ACT_NONE) {
            graph.node(op, inputs, id(out), attributes);
            return;
        }
        final String raw = op.toLowerCase(Locale.ROOT) + "_" + node;
        graph.node(op, inputs, raw, attributes);
        switch (activation) {
            case ACT_RELU -> graph.node("Relu", List.of(raw), id(out));
            case ACT_RELU6 -> graph.node("Clip", List.of(raw, bound(0f), bound(6f)), id(out));
            case ACT_RELU_N1_TO_1 -> graph.node("Clip", List.of(raw, bound(-1f), bound(1f)), id(out));
            default -> throw new IllegalArgumentException("fused activation " + activation + " not supported");
        }
    }

    private String bound(final float value) {
        final String name = "bound_" + Float.toString(value).replace('-', 'm').replace('.', '_');
        if (clipBounds.add(name)) {
            graph.initializer(name, new float[] {value});
        }
        return name;
    }

    private void layoutFollows(final int from, final int to) {
        if (channelsFirst.contains(from)) {
            channelsFirst.add(to);
        }
    }

    private boolean computed(final int tensor) {
        return !constants.containsKey(tensor) && interpreter.tensor(tensor).allocation_type() != kTfLiteMmapRo;
    }

    private float[] constant(final int tensor, final String what) {
        final float[] folded = constants.get(tensor);
        return folded != null ? folded : floats(tensor, what);
    }

    /** Reads a constant tensor, fp32 or fp16, as floats. */
    private float[] floats(final int index, final String what) {
        final TfLiteTensor tensor = interpreter.tensor(index);
        require(tensor.data() != null && !tensor.data().isNull() && tensor.data().raw() != null,
            what + " has no data");
        final ByteBuffer data = tensor.data().raw().capacity(tensor.bytes()).asByteBuffer()
            .order(ByteOrder.nativeOrder());
        if (tensor.type() == kTfLiteFloat32) {
            final float[] values = new float[(int)(tensor.bytes() / Float.BYTES)];
            data.asFloatBuffer().get(values);
            return values;
        }
        require(tensor.type() == kTfLiteFloat16, what + " is of TFLite type " + tensor.type()
            + ", not fp32 or fp16");
        final float[] values = new float[(int)(tensor.bytes() / Short.BYTES)];
        for (int i = 0; i < values.length; i++) {
            values[i] = Float.float16ToFloat(data.getShort(i * Short.BYTES));
        }
        return values;
    }

    private void requireFloat(final int tensor, final String what) {
        require(interpreter.tensor(tensor).type() == kTfLiteFloat32, what + " is not fp32");
    }

    private long[] dims(final int tensor) {
        return TfLiteInterpreter.dims(interpreter.tensor(tensor).dims());
    }

    private int[] intDims(final int tensor) {
        return ints(interpreter.tensor(tensor).dims());
    }

    private static int[] ints(final TfLiteIntArray array) {
        final int[] values = new int[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = array.data(i);
        }
        return values;
    }

    private static String id(final int tensor) {
        return "t" + tensor;
    }

    private static void requireNoDilation(final int width, final int height) {
        require(width <= 1 && height <= 1, "dilation " + width + "x" + height + " not supported");
    }

    private static void require(final boolean condition, final String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}

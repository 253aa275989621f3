package io.saccade.accelerator.engine.tflite;

import static org.bytedeco.tensorflowlite.global.tensorflowlite.kTfLiteBuiltinConv2d;
import static org.bytedeco.tensorflowlite.global.tensorflowlite.kTfLiteBuiltinDepthwiseConv2d;
import static org.bytedeco.tensorflowlite.global.tensorflowlite.kTfLiteBuiltinFullyConnected;
import static org.bytedeco.tensorflowlite.global.tensorflowlite.kTfLiteFloat16;
import static org.bytedeco.tensorflowlite.global.tensorflowlite.kTfLiteFloat32;
import static org.bytedeco.tensorflowlite.global.tensorflowlite.kTfLiteInt32;
import static org.bytedeco.tensorflowlite.global.tensorflowlite.kTfLiteInt8;
import static org.bytedeco.tensorflowlite.global.tensorflowlite.kTfLiteOk;
import static org.bytedeco.tensorflowlite.global.tensorflowlite.kTfLiteUInt8;

import ai.djl.engine.EngineException;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.tensorflowlite.BuiltinOpResolverWithoutDefaultDelegates;
import org.bytedeco.tensorflowlite.FlatBufferModel;
import org.bytedeco.tensorflowlite.Interpreter;
import org.bytedeco.tensorflowlite.InterpreterBuilder;
import org.bytedeco.tensorflowlite.RegistrationNodePair;
import org.bytedeco.tensorflowlite.TfLiteIntArray;
import org.bytedeco.tensorflowlite.TfLiteRegistration;
import org.bytedeco.tensorflowlite.TfLiteTensor;

/**
 * One TFLite interpreter and everything it borrows from (flat buffer, op resolver, XNNPACK delegate), freed
 * together. XNNPACK is what makes the SSD run in ~40 ms instead of ~125 ms on these CPUs; it is applied explicitly
 * (not by the op resolver's default) so that the precision can be chosen and the share of the model it took is
 * known: operators it does not support stay on TFLite's own kernels, between XNNPACK partitions.
 * Not thread-safe: one inference at a time, like the service loop.
 * <p>
 * Large because it holds every JavaCPP TFLite call the engine makes and the checks around them: the native boundary in
 * one file.
 */
final class TfLiteInterpreter implements AutoCloseable {
    private final FlatBufferModel flatBuffer;
    private final BuiltinOpResolverWithoutDefaultDelegates resolver;
    private final Interpreter interpreter;
    private final XnnpackDelegate xnnpack;
    private final String execution;
    private final long multiplyAdds;
    private final ByteBuffer[] inputs;
    private final String[] outputNames;
    private final Shape[] outputShapes;
    private final DataType[] outputTypes;

    private TfLiteInterpreter(final FlatBufferModel flatBuffer, final BuiltinOpResolverWithoutDefaultDelegates resolver,
                              final Interpreter interpreter, final XnnpackDelegate xnnpack, final boolean fp16,
                              final long multiplyAdds) {
        this.flatBuffer = flatBuffer;
        this.resolver = resolver;
        this.interpreter = interpreter;
        this.xnnpack = xnnpack;
        this.multiplyAdds = multiplyAdds;
        this.execution = describeExecution(interpreter, fp16);
        this.inputs = new ByteBuffer[(int)interpreter.inputs().limit()];
        for (int i = 0; i < inputs.length; i++) {
            inputs[i] = memory(interpreter.input_tensor(i));
        }
        // Shapes, types and names are fixed once tensors are allocated: read them once, not per frame.
        final int outputs = (int)interpreter.outputs().limit();
        this.outputNames = new String[outputs];
        this.outputShapes = new Shape[outputs];
        this.outputTypes = new DataType[outputs];
        for (int i = 0; i < outputs; i++) {
            final TfLiteTensor tensor = interpreter.output_tensor(i);
            outputNames[i] = interpreter.GetOutputName(i).getString();
            outputShapes[i] = shape(tensor);
            outputTypes[i] = dataType(tensor);
        }
    }

    /**
     * @param file    a {@code .tflite} flat buffer.
     * @param threads inference threads.
     * @param fp16    whether XNNPACK runs the model's fp32 operators in half precision.
     * @return the interpreter, XNNPACK applied, tensors allocated.
     * @throws EngineException naming the file when it cannot be loaded or XNNPACK refuses it.
     */
    static TfLiteInterpreter open(final Path file, final int threads, final boolean fp16) {
        if (!Files.isRegularFile(file)) {
            throw new EngineException("no TFLite model at " + file);
        }
        final FlatBufferModel flatBuffer = FlatBufferModel.BuildFromFile(file.toString());
        if (flatBuffer == null || flatBuffer.isNull()) {
            throw new EngineException(file + " is not a TFLite flat buffer");
        }
        final BuiltinOpResolverWithoutDefaultDelegates resolver = new BuiltinOpResolverWithoutDefaultDelegates();
        final Interpreter interpreter = new Interpreter((Pointer)null);
        XnnpackDelegate xnnpack = null;
        try {
            try (InterpreterBuilder builder = new InterpreterBuilder(flatBuffer, resolver)) {
                check(builder.SetNumThreads(threads), "set " + threads + " threads for " + file);
                check(builder.apply(interpreter), "build an interpreter for " + file);
            }
            final long multiplyAdds = multiplyAdds(interpreter);
            xnnpack = XnnpackDelegate.create(threads, fp16);
            check(interpreter.ModifyGraphWithDelegate(xnnpack.delegate()), "apply XNNPACK to " + file
                + (fp16 ? " in fp16 (half-precision kernels need FP16 arithmetic, ARMv8.2-A, or AVX2 on x86; "
                + "run it in fp32 on this CPU)" : ""));
            check(interpreter.AllocateTensors(), "allocate tensors for " + file);
            return new TfLiteInterpreter(flatBuffer, resolver, interpreter, xnnpack, fp16, multiplyAdds);
        } catch (final RuntimeException ex) {
            interpreter.close();
            if (xnnpack != null) {
                xnnpack.close();
            }
            resolver.close();
            flatBuffer.close();
            throw ex;
        }
    }

    /** @return how many inputs the model has. */
    int inputCount() {
        return inputs.length;
    }

    /** @return how many outputs the model has. */
    int outputCount() {
        return outputNames.length;
    }

    /**
     * @param index an input.
     * @return the input tensor's memory, exactly its size; fill it before {@link #invoke()}.
     */
    ByteBuffer input(final int index) {
        return inputs[index].duplicate().order(ByteOrder.nativeOrder());
    }

    /** Runs the model on the current inputs. */
    void invoke() {
        check(interpreter.Invoke(), "invoke the interpreter");
    }

    /**
     * @param index an output.
     * @return the output tensor's memory, valid until the next {@link #invoke()}.
     */
    ByteBuffer output(final int index) {
        // Output memory may move when the interpreter re-plans, so it is looked up after every invoke.
        return memory(interpreter.output_tensor(index));
    }

    String inputName(final int index) {
        return interpreter.GetInputName(index).getString();
    }

    String outputName(final int index) {
        return outputNames[index];
    }

    Shape inputShape(final int index) {
        return shape(interpreter.input_tensor(index));
    }

    Shape outputShape(final int index) {
        return outputShapes[index];
    }

    DataType outputType(final int index) {
        return outputTypes[index];
    }

    /**
     * @return how the model runs, e.g. {@code XNNPACK fp32, 239 of 241 operators} (the others on TFLite's kernels).
     */
    String execution() {
        return execution;
    }

    /** @return multiply-adds of one inference in the convolutions and fully connected layers (the model's bulk). */
    long multiplyAdds() {
        return multiplyAdds;
    }

    @Override
    public void close() {
        interpreter.close();
        xnnpack.close();
        resolver.close();
        flatBuffer.close();
    }

    /**
     * Per output element, a convolution or fully connected layer does one multiply-add per filter element of its
     * output channel: the filter's size over its output channels (first dimension; last for depthwise).
     */
    static long multiplyAdds(final Interpreter interpreter) {
        long total = 0;
        for (int node = 0; node < interpreter.nodes_size(); node++) {
            final RegistrationNodePair entry = interpreter.node_and_registration(node);
            final int op = entry.second().builtin_code();
            if (op != kTfLiteBuiltinConv2d && op != kTfLiteBuiltinDepthwiseConv2d
                && op != kTfLiteBuiltinFullyConnected) {
                continue;
            }
            final TfLiteIntArray filter = interpreter.tensor(entry.first().inputs().data(1)).dims();
            final int channels = filter.data(op == kTfLiteBuiltinDepthwiseConv2d ? filter.size() - 1 : 0);
            total += elements(dims(interpreter.tensor(entry.first().outputs().data(0)).dims())) / channels
                * elements(dims(filter));
        }
        return total;
    }

    private static long elements(final long[] dims) {
        long count = 1;
        for (final long dim : dims) {
            count *= dim;
        }
        return count;
    }

    /** Counts the operators XNNPACK took: each of its kernels in the plan replaced a partition of the model. */
    private static String describeExecution(final Interpreter interpreter, final boolean fp16) {
        final IntPointer plan = interpreter.execution_plan();
        final int steps = (int)plan.limit();
        int kernels = 0;
        for (int i = 0; i < steps; i++) {
            final TfLiteRegistration registration = interpreter.node_and_registration(plan.get(i)).second();
            final BytePointer name = registration.custom_name();
            if (name != null && !name.isNull() && XnnpackDelegate.KERNEL_NAME.equals(name.getString())) {
                kernels++;
            }
        }
        // The graph keeps the replaced nodes and appends one node per delegate kernel.
        final long operators = interpreter.nodes_size() - kernels;
        final long delegated = operators - (steps - kernels);
        return "XNNPACK " + (fp16 ? "fp16" : "fp32") + ", " + delegated + " of " + operators + " operators";
    }

    private static ByteBuffer memory(final TfLiteTensor tensor) {
        final BytePointer data = tensor.data().raw();
        return data.capacity(tensor.bytes()).asByteBuffer().order(ByteOrder.nativeOrder());
    }

    private static Shape shape(final TfLiteTensor tensor) {
        return new Shape(dims(tensor.dims()));
    }

    /** @return a TFLite shape as DJL and ONNX write shapes. */
    static long[] dims(final TfLiteIntArray array) {
        final long[] dims = new long[array.size()];
        for (int i = 0; i < dims.length; i++) {
            dims[i] = array.data(i);
        }
        return dims;
    }

    private static DataType dataType(final TfLiteTensor tensor) {
        final int type = tensor.type();
        if (type == kTfLiteFloat32) {
            return DataType.FLOAT32;
        } else if (type == kTfLiteFloat16) {
            return DataType.FLOAT16;
        } else if (type == kTfLiteUInt8) {
            return DataType.UINT8;
        } else if (type == kTfLiteInt8) {
            return DataType.INT8;
        } else if (type == kTfLiteInt32) {
            return DataType.INT32;
        }
        return DataType.UNKNOWN;
    }

    private static void check(final int status, final String what) {
        if (status != kTfLiteOk) {
            throw new EngineException("TFLite could not " + what + " (status " + status + ")");
        }
    }
}

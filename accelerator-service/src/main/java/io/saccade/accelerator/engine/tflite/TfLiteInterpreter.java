package io.saccade.accelerator.engine.tflite;

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
import org.bytedeco.tensorflowlite.BuiltinOpResolver;
import org.bytedeco.tensorflowlite.FlatBufferModel;
import org.bytedeco.tensorflowlite.Interpreter;
import org.bytedeco.tensorflowlite.InterpreterBuilder;
import org.bytedeco.tensorflowlite.TfLiteIntArray;
import org.bytedeco.tensorflowlite.TfLiteTensor;

/**
 * One TFLite interpreter and everything it borrows from (flat buffer, op resolver), freed together. The builtin op
 * resolver applies XNNPACK, which is what makes the SSD run in ~20 ms instead of ~100 ms on these CPUs.
 * Not thread-safe: one inference at a time, like the service loop.
 */
final class TfLiteInterpreter implements AutoCloseable {
    private final FlatBufferModel flatBuffer;
    private final BuiltinOpResolver resolver;
    private final Interpreter interpreter;
    private final ByteBuffer[] inputs;
    private final String[] outputNames;
    private final Shape[] outputShapes;
    private final DataType[] outputTypes;

    private TfLiteInterpreter(final FlatBufferModel flatBuffer, final BuiltinOpResolver resolver,
                              final Interpreter interpreter) {
        this.flatBuffer = flatBuffer;
        this.resolver = resolver;
        this.interpreter = interpreter;
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
     * @return the interpreter, tensors allocated.
     * @throws EngineException naming the file when it cannot be loaded.
     */
    static TfLiteInterpreter open(final Path file, final int threads) {
        if (!Files.isRegularFile(file)) {
            throw new EngineException("no TFLite model at " + file);
        }
        final FlatBufferModel flatBuffer = FlatBufferModel.BuildFromFile(file.toString());
        if (flatBuffer == null || flatBuffer.isNull()) {
            throw new EngineException(file + " is not a TFLite flat buffer");
        }
        final BuiltinOpResolver resolver = new BuiltinOpResolver();
        final Interpreter interpreter = new Interpreter((org.bytedeco.javacpp.Pointer)null);
        try (InterpreterBuilder builder = new InterpreterBuilder(flatBuffer, resolver)) {
            check(builder.SetNumThreads(threads), "set " + threads + " threads for " + file);
            check(builder.apply(interpreter), "build an interpreter for " + file);
        }
        check(interpreter.AllocateTensors(), "allocate tensors for " + file);
        return new TfLiteInterpreter(flatBuffer, resolver, interpreter);
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

    @Override
    public void close() {
        interpreter.close();
        resolver.close();
        flatBuffer.close();
    }

    private static ByteBuffer memory(final TfLiteTensor tensor) {
        final BytePointer data = tensor.data().raw();
        return data.capacity(tensor.bytes()).asByteBuffer().order(ByteOrder.nativeOrder());
    }

    private static Shape shape(final TfLiteTensor tensor) {
        final TfLiteIntArray dims = tensor.dims();
        final long[] shape = new long[dims.size()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = dims.data(i);
        }
        return new Shape(shape);
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

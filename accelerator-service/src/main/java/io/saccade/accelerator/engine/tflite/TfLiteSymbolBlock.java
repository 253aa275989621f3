package io.saccade.accelerator.engine.tflite;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractSymbolBlock;
import ai.djl.nn.ParameterList;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.saccade.accelerator.engine.HostNDArray;
import io.saccade.accelerator.engine.HostNDManager;
import java.nio.ByteBuffer;

/**
 * The DJL block of a TFLite model: copies each input into the interpreter's input tensor, invokes, and returns the
 * output tensors wrapped in place (valid until the next forward).
 */
final class TfLiteSymbolBlock extends AbstractSymbolBlock implements AutoCloseable {
    private final TfLiteInterpreter interpreter;
    private final HostNDManager manager;

    TfLiteSymbolBlock(final TfLiteInterpreter interpreter, final HostNDManager manager) {
        this.interpreter = interpreter;
        this.manager = manager;
    }

    @Override
    protected NDList forwardInternal(final ParameterStore parameterStore, final NDList inputs,
                                     final boolean training, final PairList<String, Object> params) {
        if (inputs.size() != interpreter.inputCount()) {
            throw new IllegalArgumentException("the model takes " + interpreter.inputCount() + " inputs, got "
                + inputs.size());
        }
        for (int i = 0; i < inputs.size(); i++) {
            final ByteBuffer source = inputs.get(i).toByteBuffer();
            final ByteBuffer target = interpreter.input(i);
            if (source.remaining() != target.remaining()) {
                throw new IllegalArgumentException("input " + interpreter.inputName(i) + " takes "
                    + target.remaining() + " bytes (" + interpreter.inputShape(i) + "), got " + source.remaining());
            }
            target.put(source);
        }
        interpreter.invoke();
        // Outputs belong to the caller's (per-prediction) manager, so wrapping them leaves nothing behind.
        final HostNDManager owner = inputs.head().getManager() instanceof HostNDManager caller ? caller : manager;
        final NDList outputs = new NDList(interpreter.outputCount());
        for (int i = 0; i < interpreter.outputCount(); i++) {
            final NDArray output = new HostNDArray(owner, interpreter.output(i), interpreter.outputShape(i),
                interpreter.outputType(i));
            output.setName(interpreter.outputName(i));
            outputs.add(output);
        }
        return outputs;
    }

    @Override
    public PairList<String, Shape> describeInput() {
        final PairList<String, Shape> inputs = new PairList<>();
        for (int i = 0; i < interpreter.inputCount(); i++) {
            inputs.add(interpreter.inputName(i), interpreter.inputShape(i));
        }
        return inputs;
    }

    @Override
    public PairList<String, Shape> describeOutput() {
        final PairList<String, Shape> outputs = new PairList<>();
        for (int i = 0; i < interpreter.outputCount(); i++) {
            outputs.add(interpreter.outputName(i), interpreter.outputShape(i));
        }
        return outputs;
    }

    @Override
    public Shape[] getOutputShapes(final Shape[] inputShapes) {
        final Shape[] shapes = new Shape[interpreter.outputCount()];
        for (int i = 0; i < shapes.length; i++) {
            shapes[i] = interpreter.outputShape(i);
        }
        return shapes;
    }

    @Override
    public ParameterList getDirectParameters() {
        return new ParameterList(); // a compiled model: no trainable parameters
    }

    @Override
    public void close() {
        interpreter.close();
    }
}

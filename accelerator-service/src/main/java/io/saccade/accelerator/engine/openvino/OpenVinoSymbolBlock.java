package io.saccade.accelerator.engine.openvino;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractSymbolBlock;
import ai.djl.nn.ParameterList;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.saccade.accelerator.engine.HostNDArray;
import io.saccade.accelerator.engine.HostNDManager;
import io.saccade.openvino.OvCompiledModel;
import io.saccade.openvino.OvElementType;
import io.saccade.openvino.OvInferRequest;
import io.saccade.openvino.OvPort;
import io.saccade.openvino.OvTensorView;
import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import java.util.List;

/**
 * The DJL block of a compiled OpenVINO model: inputs are handed over without copying (OpenVINO wraps the host
 * memory), outputs are wrapped in place and valid until the next forward.
 */
final class OpenVinoSymbolBlock extends AbstractSymbolBlock implements AutoCloseable {
    private final OvCompiledModel compiled;
    private final OvInferRequest request;
    private final List<OvPort> outputs;
    private final HostNDManager manager;

    OpenVinoSymbolBlock(final OvCompiledModel compiled, final List<OvPort> outputs, final HostNDManager manager) {
        this.compiled = compiled;
        this.request = compiled.createInferRequest();
        this.outputs = outputs;
        this.manager = manager;
    }

    @Override
    protected NDList forwardInternal(final ParameterStore parameterStore, final NDList inputs,
                                     final boolean training, final PairList<String, Object> params) {
        if (inputs.size() != request.inputCount()) {
            throw new IllegalArgumentException("the model takes " + request.inputCount() + " inputs, got "
                + inputs.size());
        }
        for (int i = 0; i < inputs.size(); i++) {
            final NDArray input = inputs.get(i);
            request.setInput(i, MemorySegment.ofBuffer(input.toByteBuffer()), input.getShape().getShape(),
                elementType(input.getDataType()));
        }
        request.infer();
        final HostNDManager owner = inputs.head().getManager() instanceof HostNDManager caller ? caller : manager;
        final NDList results = new NDList(request.outputCount());
        for (int i = 0; i < request.outputCount(); i++) {
            final OvTensorView view = request.output(i);
            final NDArray output = new HostNDArray(owner, view.data().asByteBuffer().order(ByteOrder.nativeOrder()),
                new Shape(view.shape()), dataType(view.elementType()));
            output.setName(i < outputs.size() ? outputs.get(i).name() : "output" + i);
            results.add(output);
        }
        return results;
    }

    @Override
    public ParameterList getDirectParameters() {
        return new ParameterList();
    }

    @Override
    public void close() {
        request.close();
        compiled.close();
    }

    private static OvElementType elementType(final DataType type) {
        return switch (type) {
            case FLOAT32 -> OvElementType.F32;
            case FLOAT16 -> OvElementType.F16;
            case UINT8 -> OvElementType.U8;
            case INT32 -> OvElementType.I32;
            case INT64 -> OvElementType.I64;
            default -> throw new IllegalArgumentException("OpenVINO engine does not take " + type + " inputs");
        };
    }

    private static DataType dataType(final OvElementType type) {
        return switch (type) {
            case F32 -> DataType.FLOAT32;
            case F16 -> DataType.FLOAT16;
            case U8 -> DataType.UINT8;
            case I32 -> DataType.INT32;
            case I64 -> DataType.INT64;
            default -> DataType.UNKNOWN;
        };
    }
}

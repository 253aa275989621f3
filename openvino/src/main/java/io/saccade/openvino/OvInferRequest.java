package io.saccade.openvino;

import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.Objects;

/**
 * A synchronous infer request on a compiled model. Inputs wrap the caller's memory without copying; outputs are
 * read-only views of OpenVINO's memory, valid until the next {@link #infer()}.
 *
 * <p>Meant for one thread at a time. Its methods are synchronized, so closing it (or a parent) from another thread
 * waits for a running inference instead of freeing memory under it.
 * <p>
 * Large because one method per C call of the infer request, each with its error check.
 */
public final class OvInferRequest implements AutoCloseable {
    private final OvNative ov;
    private final OvElementTable elementTable;
    private final int inputCount;
    private final int outputCount;
    private final Arena scratch = Arena.ofShared();
    private final MemorySegment slot;
    private final MemorySegment shape;
    private final Input[] inputs;
    private final MemorySegment[] outputTensors;
    private final OvTensorView[] outputViews;
    private final OvHandle handle;
    private Arena outputScope;

    /** The tensor currently set for one input, and what it wraps. */
    private record Input(MemorySegment tensor, long address, long[] shape, OvElementType type) {
    }

    /** Creates the native request last, so that freeing it (at once, if {@code compiled} is closed) is safe. */
    OvInferRequest(final OvNative ov, final OvElementTable elementTable, final OvHandle compiled,
        final int inputCount, final int outputCount) {
        this.ov = ov;
        this.elementTable = elementTable;
        this.inputCount = inputCount;
        this.outputCount = outputCount;
        this.slot = scratch.allocate(JAVA_LONG);
        this.shape = scratch.allocate(OvNative.SHAPE);
        this.inputs = new Input[inputCount];
        this.outputTensors = new MemorySegment[outputCount];
        this.outputViews = new OvTensorView[outputCount];
        final MemorySegment request;
        try {
            request = ov.createInferRequest(compiled.address());
        } catch (final RuntimeException ex) {
            scratch.close();
            throw ex;
        }
        this.handle = compiled.dependent("infer request", request, this::free);
    }

    /**
     * Sets an input to the caller's memory, which OpenVINO then reads in place on every {@link #infer()}: refill the
     * same memory for the next frame and call {@code infer()} again, with no further call here. Setting the same
     * memory, shape and type again is free.
     *
     * @param index the input index.
     * @param data  native memory holding the tensor densely, row-major; it must stay valid until another tensor is
     *              set for this input or the request is closed.
     * @param shape the tensor's dims, e.g. {@code {1, 3, 224, 224}}.
     * @param type  the element type.
     * @throws IllegalArgumentException when {@code data} is on-heap or smaller than the shape needs.
     * @throws OpenVinoException        when OpenVINO rejects the tensor, e.g. a shape or type the model does not take.
     */
    public synchronized void setInput(final int index, final MemorySegment data, final long[] shape,
        final OvElementType type) {
        final MemorySegment request = handle.address();
        Objects.checkIndex(index, inputCount);
        final long needed = byteSize(shape, type);
        if (!data.isNative()) {
            throw new IllegalArgumentException("input " + index + " must be native memory: OpenVINO keeps its address");
        }
        if (data.byteSize() < needed) {
            throw new IllegalArgumentException("input " + index + " has " + data.byteSize() + " bytes, "
                + Arrays.toString(shape) + " " + type + " needs " + needed);
        }
        final Input current = inputs[index];
        if (current != null && current.address() == data.address() && current.type() == type
            && Arrays.equals(current.shape(), shape)) {
            return;
        }
        final MemorySegment tensor;
        try (Arena arena = Arena.ofConfined()) {
            OvNative.putShape(this.shape, arena.allocateFrom(JAVA_LONG, shape), shape.length);
            tensor = ov.tensorFromHostPtr(elementTable.code(type), this.shape, data, slot);
        }
        try {
            ov.setInputTensor(request, index, tensor);
        } catch (final RuntimeException ex) {
            ov.tensorFree(tensor);
            throw ex;
        }
        if (current != null) {
            ov.tensorFree(current.tensor());
        }
        inputs[index] = new Input(tensor, data.address(), shape.clone(), type);
    }

    /**
     * Runs the model on the current inputs and waits. Ends access to the views of the previous outputs.
     *
     * @throws OpenVinoException when inference fails.
     */
    public synchronized void infer() {
        final MemorySegment request = handle.address();
        releaseOutputs();
        ov.infer(request);
    }

    /**
     * @param index the output index.
     * @return the output of the last {@link #infer()}, valid until the next one; the same object on repeated calls.
     * @throws OpenVinoException     when OpenVINO cannot give the output.
     * @throws IllegalStateException when the output's element type is not an {@link OvElementType}.
     */
    public synchronized OvTensorView output(final int index) {
        final MemorySegment request = handle.address();
        Objects.checkIndex(index, outputCount);
        if (outputViews[index] != null) {
            return outputViews[index];
        }
        final MemorySegment tensor = ov.outputTensor(request, index, slot);
        final OvTensorView view;
        try {
            final long[] dims = ov.tensorShape(tensor, shape);
            final int code = ov.tensorElementType(tensor, slot);
            final OvElementType type = elementTable.type(code);
            if (type == null) {
                throw new IllegalStateException("output " + index + " has ov_element_type_e " + code + " ("
                    + elementTable + " numbering), which Saccade does not map");
            }
            final long bytes = ov.tensorByteSize(tensor, slot);
            final MemorySegment data = ov.tensorData(tensor, slot);
            if (outputScope == null) {
                outputScope = Arena.ofShared();
            }
            view = new OvTensorView(dims, type, OvNative.view(data, bytes, outputScope));
        } catch (final RuntimeException ex) {
            ov.tensorFree(tensor);
            throw ex;
        }
        outputTensors[index] = tensor;
        outputViews[index] = view;
        return view;
    }

    /** @return the number of inputs. */
    public int inputCount() {
        return inputCount;
    }

    /** @return the number of outputs. */
    public int outputCount() {
        return outputCount;
    }

    /** Frees the request and the tensors it holds; idempotent. */
    @Override
    public void close() {
        handle.close();
    }

    private synchronized void free(final MemorySegment request) {
        try {
            releaseOutputs();
            for (int i = 0; i < inputs.length; i++) {
                if (inputs[i] != null) {
                    ov.tensorFree(inputs[i].tensor());
                    inputs[i] = null;
                }
            }
        } finally {
            ov.inferRequestFree(request);
            scratch.close();
        }
    }

    private void releaseOutputs() {
        for (int i = 0; i < outputTensors.length; i++) {
            outputViews[i] = null;
            if (outputTensors[i] != null) {
                ov.tensorFree(outputTensors[i]);
                outputTensors[i] = null;
            }
        }
        if (outputScope != null) {
            outputScope.close();
            outputScope = null;
        }
    }

    private static long byteSize(final long[] shape, final OvElementType type) {
        long bytes = type.byteSize();
        for (final long dim : shape) {
            if (dim < 0) {
                throw new IllegalArgumentException("negative dimension in " + Arrays.toString(shape));
            }
            bytes = Math.multiplyExact(bytes, dim);
        }
        return bytes;
    }
}

package io.saccade.openvino;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;

/**
 * An inference output in OpenVINO's own memory, without a copy. Valid until the request's next
 * {@link OvInferRequest#infer()} or {@link OvInferRequest#close()}; after that {@link #data()} throws on access
 * rather than reading freed memory.
 */
public final class OvTensorView {
    private final long[] shape;
    private final OvElementType elementType;
    private final MemorySegment data;

    OvTensorView(final long[] shape, final OvElementType elementType, final MemorySegment data) {
        this.shape = shape;
        this.elementType = elementType;
        this.data = data;
    }

    /** @return a copy of the tensor's shape. */
    public long[] shape() {
        return shape.clone();
    }

    /** @return the element type. */
    public OvElementType elementType() {
        return elementType;
    }

    /** @return the data, read-only, {@code byteSize()} bytes, in OpenVINO's (dense, row-major) layout. */
    public MemorySegment data() {
        return data;
    }

    @Override
    public String toString() {
        return elementType + Arrays.toString(shape);
    }
}

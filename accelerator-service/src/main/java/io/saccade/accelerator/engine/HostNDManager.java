package io.saccade.accelerator.engine;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.BaseNDManager;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.Buffer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * An {@link NDManager} whose arrays are direct host buffers, for engines that take and give plain memory (TFLite,
 * OpenVINO). A direct {@link ByteBuffer} handed to {@link #create(Buffer, Shape, DataType)} is wrapped, not copied,
 * so a validated copy of a slot reaches the engine without another copy.
 */
public final class HostNDManager extends BaseNDManager {
    private final Engine engine;

    /**
     * @param parent the parent manager, {@code null} for a root.
     * @param device the device the engine runs on.
     * @param engine the engine the arrays belong to.
     */
    public HostNDManager(final NDManager parent, final Device device, final Engine engine) {
        this.engine = engine; // before super(): DJL's constructor already asks for the engine
        super(parent, device);
    }

    @Override
    public Engine getEngine() {
        return engine;
    }

    @Override
    public ByteBuffer allocateDirect(final int capacity) {
        return ByteBuffer.allocateDirect(capacity).order(ByteOrder.nativeOrder());
    }

    @Override
    public NDArray from(final NDArray array) {
        if (array == null || array instanceof HostNDArray) {
            return array;
        }
        return create(array.toByteBuffer(), array.getShape(), array.getDataType());
    }

    @Override
    public NDManager newSubManager(final Device subDevice) {
        final HostNDManager child = new HostNDManager(this, subDevice, engine);
        attachInternal(child.uid, child);
        return child;
    }

    @Override
    public NDArray create(final Buffer data, final Shape shape, final DataType dataType) {
        final long bytes = shape.size() * dataType.getNumOfBytes();
        final ByteBuffer memory;
        if (data instanceof ByteBuffer direct && direct.isDirect()) {
            memory = direct.duplicate().order(ByteOrder.nativeOrder());
        } else {
            memory = allocateDirect(Math.toIntExact(bytes));
            BaseNDManager.copyBuffer(data, memory);
        }
        if (memory.remaining() != bytes) {
            throw new IllegalArgumentException("buffer holds " + memory.remaining() + " bytes, " + shape + " of "
                + dataType + " needs " + bytes);
        }
        return new HostNDArray(this, memory, shape, dataType);
    }
}

package io.saccade.accelerator.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrayAdapter;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An NDArray over host memory it may not own: an engine's output tensor is wrapped in place and is valid until the
 * engine's next inference, which the one-in-flight loop guarantees is after the result has been read.
 */
public final class HostNDArray extends NDArrayAdapter {
    private static final AtomicLong IDS = new AtomicLong();

    private ByteBuffer memory;

    /**
     * @param manager  the manager it is attached to.
     * @param memory   its bytes, in native order, exactly {@code shape x dataType} long.
     * @param shape    its shape.
     * @param dataType its element type.
     */
    public HostNDArray(final HostNDManager manager, final ByteBuffer memory, final Shape shape,
                       final DataType dataType) {
        super(manager, null, shape, dataType, "host-" + IDS.incrementAndGet());
        this.memory = memory;
        manager.attachInternal(uid, this);
    }

    @Override
    public ByteBuffer toByteBuffer(final boolean tryDirect) {
        return memory.duplicate().order(ByteOrder.nativeOrder());
    }

    @Override
    public void intern(final NDArray replaced) {
        final HostNDArray other = (HostNDArray)replaced;
        this.memory = other.memory;
        this.shape = other.shape;
        this.dataType = other.dataType;
    }

    @Override
    public void detach() {
        manager.detachInternal(getUid());
        manager = manager.getEngine().newBaseManager(getDevice());
    }
}

package io.saccade.openvino;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

/**
 * A model read by {@link OpenVino#readModel}, not yet bound to a device. Not needed after compiling; closing it then
 * frees its memory without affecting the compiled model.
 */
public final class OvModel implements AutoCloseable {
    private final OvNative ov;
    private final OpenVino owner;
    private final OvHandle handle;
    private List<OvPort> inputs;
    private List<OvPort> outputs;

    OvModel(final OvNative ov, final OpenVino owner, final OvHandle handle) {
        this.ov = ov;
        this.owner = owner;
        this.handle = handle;
    }

    /** @return the model's inputs as it declares them. */
    public synchronized List<OvPort> inputs() {
        if (inputs == null) {
            inputs = ports(true);
        }
        return inputs;
    }

    /** @return the model's outputs as it declares them. */
    public synchronized List<OvPort> outputs() {
        if (outputs == null) {
            outputs = ports(false);
        }
        return outputs;
    }

    /** Frees the model; idempotent. */
    @Override
    public void close() {
        handle.close();
    }

    OpenVino owner() {
        return owner;
    }

    OvHandle handle() {
        return handle;
    }

    private List<OvPort> ports(final boolean input) {
        final MemorySegment model = handle.address();
        final int count = Math.toIntExact(ov.modelPortCount(model, input));
        final List<OvPort> ports = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            final MemorySegment port = ov.modelPort(model, input, i);
            try {
                ports.add(new OvPort(i, ov.portName(port), ov.portShape(port)));
            } finally {
                ov.portFree(port);
            }
        }
        return List.copyOf(ports);
    }
}

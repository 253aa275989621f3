package io.saccade.openvino;

import java.util.Arrays;

/**
 * One input or output of a model, as the model declares it. It carries no element type on purpose: before 2024.2,
 * {@code ov_port_get_element_type} cast the C++ enum straight to the C one, which 2024.0 and 2024.1 had already
 * renumbered apart (openvino PR 24608). The element type of an output comes from its tensor instead.
 */
public final class OvPort {
    private final int index;
    private final String name;
    private final long[] shape;

    OvPort(final int index, final String name, final long[] shape) {
        this.index = index;
        this.name = name;
        this.shape = shape;
    }

    /** @return the port's index among the model's inputs or outputs. */
    public int index() {
        return index;
    }

    /** @return one of the port's tensor names, or "" when it has none. */
    public String name() {
        return name;
    }

    /** @return a copy of the static shape, or {@code null} when the shape is dynamic. */
    public long[] shape() {
        return shape == null ? null : shape.clone();
    }

    @Override
    public String toString() {
        return index + ":" + name + (shape == null ? "[dynamic]" : Arrays.toString(shape));
    }
}

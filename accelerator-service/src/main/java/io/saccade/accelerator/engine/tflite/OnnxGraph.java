package io.saccade.accelerator.engine.tflite;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * An ONNX model (IR 8, opset 13) written straight in protobuf's wire format: only the messages and fields a
 * converted convolutional graph needs (graph, nodes with int/ints/string attributes, float and int64 initializers
 * as raw little-endian data, inputs and outputs with static float shapes). Field numbers are those of
 * {@code onnx.proto}.
 */
final class OnnxGraph {
    private static final int IR_VERSION = 8;
    private static final int OPSET = 13;
    private static final int FLOAT = 1;
    private static final int INT64 = 7;

    private final Message graph = new Message();

    /** One node attribute, already encoded. */
    record Attribute(Message message) {
        static Attribute integer(final String name, final long value) {
            return new Attribute(new Message().string(1, name).varint(3, value).varint(20, 2));
        }

        static Attribute integers(final String name, final long... values) {
            final Message message = new Message().string(1, name);
            for (final long value : values) {
                message.varint(8, value);
            }
            return new Attribute(message.varint(20, 7));
        }

        static Attribute string(final String name, final String value) {
            return new Attribute(new Message().string(1, name).string(4, value).varint(20, 3));
        }
    }

    OnnxGraph(final String name) {
        graph.string(2, name);
    }

    /** Adds a graph input: a float tensor of a static shape. */
    OnnxGraph input(final String name, final long... dims) {
        graph.message(11, valueInfo(name, dims));
        return this;
    }

    /** Adds a graph output: a float tensor of a static shape. */
    OnnxGraph output(final String name, final long... dims) {
        graph.message(12, valueInfo(name, dims));
        return this;
    }

    /** Adds a float constant. */
    OnnxGraph initializer(final String name, final float[] values, final long... dims) {
        final ByteBuffer data = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        data.asFloatBuffer().put(values);
        graph.message(5, tensor(name, FLOAT, data.array(), dims));
        return this;
    }

    /** Adds a one-dimensional int64 constant (shapes). */
    OnnxGraph initializer(final String name, final long[] values) {
        final ByteBuffer data = ByteBuffer.allocate(values.length * Long.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        data.asLongBuffer().put(values);
        graph.message(5, tensor(name, INT64, data.array(), values.length));
        return this;
    }

    /** Adds a node of the default domain. Nodes must be added in an order that computes inputs first. */
    OnnxGraph node(final String op, final List<String> inputs, final String output, final Attribute... attributes) {
        final Message node = new Message();
        for (final String input : inputs) {
            node.string(1, input);
        }
        node.string(2, output).string(3, output).string(4, op);
        for (final Attribute attribute : attributes) {
            node.message(5, attribute.message());
        }
        graph.message(1, node);
        return this;
    }

    /** @return the {@code ModelProto}'s bytes. */
    byte[] model(final String producer) {
        return new Message().varint(1, IR_VERSION).string(2, producer).message(7, graph)
            .message(8, new Message().string(1, "").varint(2, OPSET)).bytes();
    }

    private static Message valueInfo(final String name, final long... dims) {
        final Message shape = new Message();
        for (final long dim : dims) {
            shape.message(1, new Message().varint(1, dim));
        }
        final Message tensorType = new Message().varint(1, FLOAT).message(2, shape);
        return new Message().string(1, name).message(2, new Message().message(1, tensorType));
    }

    private static Message tensor(final String name, final int type, final byte[] raw, final long... dims) {
        final Message tensor = new Message();
        for (final long dim : dims) {
            tensor.varint(1, dim);
        }
        return tensor.varint(2, type).string(8, name).bytes(9, raw);
    }

    /** A protobuf message being written: varint and length-delimited fields, in the order they are added. */
    static final class Message {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Message varint(final int field, final long value) {
            key(field, 0);
            write(value);
            return this;
        }

        Message string(final int field, final String value) {
            return bytes(field, value.getBytes(StandardCharsets.UTF_8));
        }

        Message message(final int field, final Message value) {
            return bytes(field, value.bytes());
        }

        Message bytes(final int field, final byte[] value) {
            key(field, 2);
            write(value.length);
            out.writeBytes(value);
            return this;
        }

        byte[] bytes() {
            return out.toByteArray();
        }

        private void key(final int field, final int wireType) {
            write((long)field << 3 | wireType);
        }

        private void write(final long value) {
            long rest = value;
            while ((rest & ~0x7FL) != 0) {
                out.write((int)(rest & 0x7F | 0x80));
                rest >>>= 7;
            }
            out.write((int)rest);
        }
    }
}

package io.saccade.registry;

import io.saccade.protocol.mqtt.TopicTree;
import io.saccade.protocol.ring.ProcessIdentity;
import io.saccade.protocol.tensor.InputSpec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * One service's entry in the node registry: which model it serves with which input spec, which process it is, when
 * it last said it was alive, and whether it is ready.
 *
 * @param service        service instance name, unique on the node.
 * @param model          the model it serves.
 * @param inputSpec      the tensors it wants preprocess to produce.
 * @param process        the process, so a dead one is recognised without waiting for its heartbeat to go stale.
 * @param heartbeatNanos its last heartbeat on the node's monotonic clock (shared by every process of a host).
 * @param ready          whether it has finished warming up and serves frames.
 */
public record ServiceRegistration(String service, String model, InputSpec inputSpec, ProcessIdentity process,
                                  long heartbeatNanos, boolean ready) {
    private static final int VERSION = 1;

    /** Validates the names. */
    public ServiceRegistration {
        TopicTree.requireSegment(service, "service");
        TopicTree.requireSegment(model, "model");
        if (inputSpec == null || process == null) {
            throw new IllegalArgumentException("a registration needs an input spec and a process");
        }
    }

    /**
     * @param nanos   a newer heartbeat.
     * @param isReady whether the service is ready now.
     * @return this registration with that heartbeat and readiness.
     */
    public ServiceRegistration heartbeat(final long nanos, final boolean isReady) {
        return new ServiceRegistration(service, model, inputSpec, process, nanos, isReady);
    }

    byte[] encode() {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream(160);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.writeUTF(service);
            out.writeUTF(model);
            out.writeUTF(inputSpec.toString());
            out.writeLong(process.pid());
            out.writeLong(process.startMillis());
            out.writeLong(process.pidNamespace());
            out.writeLong(heartbeatNanos);
            out.writeBoolean(ready);
        } catch (final IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return bytes.toByteArray();
    }

    /**
     * @param bytes an encoded entry.
     * @return the entry.
     * @throws IllegalArgumentException when the bytes are not an entry of this version.
     */
    static ServiceRegistration decode(final byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            final int version = in.readUnsignedByte();
            if (version != VERSION) {
                throw new IllegalArgumentException("registry entry version " + version + ", this build reads "
                    + VERSION);
            }
            return new ServiceRegistration(in.readUTF(), in.readUTF(), InputSpec.parse(in.readUTF()),
                new ProcessIdentity(in.readLong(), in.readLong(), in.readLong()), in.readLong(), in.readBoolean());
        } catch (final IOException ex) {
            throw new IllegalArgumentException("truncated registry entry", ex);
        }
    }
}

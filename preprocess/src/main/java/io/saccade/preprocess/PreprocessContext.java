package io.saccade.preprocess;

import io.saccade.preprocess.decode.JpegDecoder;
import io.saccade.preprocess.handoff.LatestFrameMailbox;
import io.saccade.preprocess.reassembly.JpegFramePool;
import io.saccade.preprocess.shm.SharedMemoryDirectory;
import io.saccade.protocol.auth.KeyRing;
import io.saccade.protocol.auth.KeyRole;
import io.saccade.protocol.clock.ClockTable;
import io.saccade.protocol.fec.ReedSolomon;
import io.saccade.protocol.time.NanoClock;
import io.saccade.registry.NodeRegistry;
import io.saccade.runtime.mqtt.MqttIdentity;
import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * What a node's preprocess owns, built from its validated settings: its identity and keys, the shared-memory
 * directory and the node registry in it, the frame buffers and the mailbox between ingress and decode, the robots'
 * clock offsets, and the JPEG decoder. Opened before any agent runs, closed after every agent stopped.
 *
 * @param settings  the validated settings.
 * @param identity  the node's signing identity on the broker (cluster key).
 * @param robotKeys verifies the robot's frames and clock probes.
 * @param clock     the node's monotonic clock.
 * @param shm       the node's shared-memory directory.
 * @param pool      frame buffers.
 * @param mailbox   the newest complete frame per stream, from ingress to decode.
 * @param clocks    the robots' clock offsets.
 * @param registry  the node registry the accelerators register in.
 * @param decoder   the JPEG decoder.
 */
public record PreprocessContext(PreprocessConfig settings, MqttIdentity identity, KeyRing robotKeys, NanoClock clock,
                                SharedMemoryDirectory shm, JpegFramePool pool, LatestFrameMailbox mailbox,
                                ClockTable clocks, NodeRegistry registry, JpegDecoder decoder)
    implements AutoCloseable {

    /**
     * @param settings the validated settings.
     * @return the context, every resource open.
     * @throws IOException when the shared memory, the registry or a key cannot be opened.
     */
    public static PreprocessContext open(final PreprocessConfig settings) throws IOException {
        final MqttIdentity identity = MqttIdentity.load(settings.sender(), KeyRole.CLUSTER, settings.keys());
        ReedSolomon.warmUp(TimeUnit.MILLISECONDS.toNanos(500));
        final NanoClock clock = NanoClock.system();
        final SharedMemoryDirectory shm = SharedMemoryDirectory.open(settings.sharedMemoryDirectory());
        final JpegFramePool pool = new JpegFramePool(settings.frameBuffers(), settings.frameBufferBytes());
        final NodeRegistry registry = NodeRegistry.open(shm.path(), clock,
            TimeUnit.MILLISECONDS.toNanos(settings.registry().staleMillis()));
        return new PreprocessContext(settings, identity, identity.keys().get(KeyRole.ROBOT), clock, shm, pool,
            new LatestFrameMailbox(settings.reassembly().maxStreams(), pool), new ClockTable(), registry,
            new JpegDecoder(settings.frameBufferBytes()));
    }

    @Override
    public void close() {
        decoder.close();
        registry.close();
    }
}

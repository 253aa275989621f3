package io.saccade.preprocess.testing;

import io.saccade.preprocess.PreprocessConfig;
import io.saccade.preprocess.ingress.FrameIngress;
import io.saccade.preprocess.reassembly.JpegFramePool;
import io.saccade.protocol.auth.KeyRing;
import io.saccade.protocol.clock.ClockTable;
import io.saccade.protocol.time.NanoClock;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A real ingress on 127.0.0.1 with an OS-chosen port whose complete frames are recorded, and a plain socket to
 * send datagrams at it.
 *
 * @param ingress   the running ingress.
 * @param pool      its frame buffers.
 * @param delivered complete frames, in delivery order.
 */
public record Ingresses(FrameIngress ingress, JpegFramePool pool, Queue<Delivered> delivered) implements AutoCloseable {
    /**
     * A frame the ingress completed, copied out of its buffer.
     *
     * @param streamId stream id.
     * @param frameSeq sequence number.
     * @param jpeg     its bytes.
     */
    public record Delivered(long streamId, long frameSeq, byte[] jpeg) {
    }

    /** Settings of test nodes: defaults, on loopback, port 0. */
    public static final PreprocessConfig CONFIG = new PreprocessConfig("test-node", PreprocessConfig.DEFAULTS.keys(),
        new PreprocessConfig.Ingress("127.0.0.1:0", List.of(), 1500, 4 << 20),
        PreprocessConfig.DEFAULTS.reassembly(), PreprocessConfig.DEFAULTS.sharedMemory(),
        PreprocessConfig.DEFAULTS.registry(), PreprocessConfig.DEFAULTS.decode(), PreprocessConfig.DEFAULTS.mqtt(),
        PreprocessConfig.DEFAULTS.topicPrefix(), PreprocessConfig.DEFAULTS.statusMillis());

    /**
     * @param config settings of the node.
     * @return a running ingress that records complete frames.
     * @throws InterruptedException when interrupted while binding.
     */
    public static Ingresses start(final PreprocessConfig config) throws InterruptedException {
        final JpegFramePool pool = new JpegFramePool(config.frameBuffers(), config.frameBufferBytes());
        final Queue<Delivered> delivered = new ConcurrentLinkedQueue<>();
        final FrameIngress ingress = FrameIngress.start(config, KeyRing.of(EncodedFrame.KEY), pool, frame -> {
            delivered.add(new Delivered(frame.streamId(), frame.frameSeq(),
                java.util.Arrays.copyOf(frame.data(), frame.length())));
            pool.release(frame);
        }, new ClockTable(), NanoClock.system());
        return new Ingresses(ingress, pool, delivered);
    }

    /**
     * Sends datagrams from a fresh socket.
     *
     * @param target    where to.
     * @param datagrams what.
     * @throws IOException when sending fails.
     */
    public static void send(final InetSocketAddress target, final List<ByteBuffer> datagrams) throws IOException {
        try (DatagramChannel socket = DatagramChannel.open()) {
            for (final ByteBuffer datagram : datagrams) {
                socket.send(datagram.duplicate().clear(), target);
            }
        }
    }

    /** @return the ingress address. */
    public InetSocketAddress address() {
        return ingress.localAddress();
    }

    @Override
    public void close() {
        ingress.close();
    }

    /** @return the sequence numbers of the delivered frames, in order. */
    public List<Long> deliveredSeqs() {
        return delivered.stream().map(Delivered::frameSeq).toList();
    }

    /** @return how many datagrams the ingress has seen so far. */
    public long datagrams() {
        return ingress.events().get(io.saccade.preprocess.ingress.IngressEvent.DATAGRAMS);
    }
}

package io.saccade.bench;

import io.netty.channel.ChannelInboundHandlerAdapter;
import io.saccade.preprocess.PreprocessConfig;
import io.saccade.preprocess.ingress.FrameIngress;
import io.saccade.preprocess.reassembly.FrameReassembler;
import io.saccade.preprocess.reassembly.JpegFramePool;
import io.saccade.preprocess.reassembly.ReassemblyConfig;
import io.saccade.protocol.auth.KeyRing;
import io.saccade.protocol.auth.MacKey;
import io.saccade.protocol.auth.MessageAuthenticator;
import io.saccade.protocol.clock.ClockTable;
import io.saccade.protocol.fec.ReedSolomon;
import io.saccade.protocol.frame.FrameEncoder;
import io.saccade.protocol.frame.FrameFragmentFlyweight;
import io.saccade.protocol.time.NanoClock;
import io.saccade.robot.send.UdpFrameSender;
import io.saccade.runtime.net.UdpTransport;
import io.saccade.runtime.telemetry.Hardware;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * Frame transport: the robot's real sender to a node's real ingress over loopback (send start to frame complete on
 * the node), and how many frames forward error correction completes under random datagram loss.
 * <p>
 * Large because it measures the UDP path with and without FEC and loss, both ends in this class.
 */
final class TransportBenchmark {
    private static final int FRAME_BYTES = 40_000;
    private static final int WARM_UP_FRAMES = 5000;
    private static final MacKey KEY = MacKey.of(1, new byte[32]);

    private final int pacedFrames;
    private final int flatOutFrames;
    private final int lossFrames;

    TransportBenchmark(final int pacedFrames, final int flatOutFrames, final int lossFrames) {
        this.pacedFrames = pacedFrames;
        this.flatOutFrames = flatOutFrames;
        this.lossFrames = lossFrames;
    }

    void run() throws Exception {
        System.out.println("## Transport: loopback, send start -> frame complete on the node (40 KB frames)\n");
        System.out.println("Real UdpFrameSender (robot) to real FrameIngress (node), both on Netty/epoll in one "
            + "process; " + WARM_UP_FRAMES + " warm-up frames first (the JIT compiles the SIMD kernel late). "
            + "Flat out = closed loop: the next frame goes when the previous one is complete.\n");
        System.out.println("| datagrams | FEC | rate | frames | completed | p50 us | p99 us | max us "
            + "| sender encode+sign p50 / p99 us |");
        System.out.println("|---|---|---|---|---|---|---|---|---|");
        for (final int mtu : new int[] {1500, 65_535}) {
            for (final double fec : mtu == 1500 ? new double[] {0.2, 0} : new double[] {0}) {
                latency(mtu, fec, 30);
                latency(mtu, fec, 0);
            }
        }
        System.out.println("\n## FEC: frames completed under random datagram loss (40 KB frames, 1396-byte shards, "
            + lossFrames + " frames per cell)\n");
        lossTable();
        System.out.println("\nReed-Solomon kernel: " + ReedSolomon.kernelDescription());
        System.out.println("Hardware: " + Hardware.describe());
    }

    private void latency(final int mtu, final double fec, final int fps) throws Exception {
        final PreprocessConfig defaults = PreprocessConfig.DEFAULTS;
        final PreprocessConfig node = new PreprocessConfig("bench", defaults.keys(),
            new PreprocessConfig.Ingress("127.0.0.1:0", List.of(), mtu, 8 << 20),
            new PreprocessConfig.Reassembly(8, 4, 16, 1 << 20, 1.0, 500, 10, 100_000), defaults.sharedMemory(),
            defaults.registry(), defaults.decode(), defaults.mqtt(), defaults.topicPrefix(), defaults.statusMillis());
        final JpegFramePool pool = new JpegFramePool(node.frameBuffers(), node.frameBufferBytes());
        final ConcurrentHashMap<Long, Long> completedAt = new ConcurrentHashMap<>();
        final int frames = fps == 0 ? flatOutFrames : pacedFrames;
        final long[] sentAt = new long[frames];
        final Histogram senderCost = Percentiles.nanos();
        final byte[] jpeg = new byte[FRAME_BYTES];
        new Random(7).nextBytes(jpeg);
        final Thread waiter = Thread.currentThread();
        try (FrameIngress ingress = FrameIngress.start(node, KeyRing.of(KEY), pool, frame -> {
                 completedAt.put(frame.frameSeq(), frame.completedAtNanos());
                 pool.release(frame);
                 LockSupport.unpark(waiter);
             }, new ClockTable(), NanoClock.system());
             UdpTransport robot = UdpTransport.bind(new InetSocketAddress("127.0.0.1", 0), mtu, 8 << 20,
                 new ChannelInboundHandlerAdapter(), "bench-robot")) {
            final FrameEncoder encoder = new FrameEncoder(mtu == 1500 ? 1452 : 65_000, fec, 1 << 20,
                new MessageAuthenticator(KEY));
            final UdpFrameSender sender = new UdpFrameSender(robot.channel(), List.of(ingress.localAddress()), encoder);
            for (int warm = 0; warm < WARM_UP_FRAMES; warm++) {
                sender.send(1, warm, 0, 0, jpeg, jpeg.length);
                awaitCompletion(completedAt, warm);
            }
            completedAt.clear();
            final long period = fps == 0 ? 0 : TimeUnit.SECONDS.toNanos(1) / fps;
            long next = System.nanoTime();
            for (int frame = 0; frame < frames; frame++) {
                if (period > 0) {
                    LockSupport.parkNanos(next - System.nanoTime());
                    next += period;
                }
                final long seq = WARM_UP_FRAMES + frame;
                final long start = System.nanoTime();
                sentAt[frame] = start;
                sender.send(1, seq, start, 0, jpeg, jpeg.length);
                senderCost.recordValue(System.nanoTime() - start);
                if (period == 0) {
                    awaitCompletion(completedAt, seq);
                }
            }
            awaitQuiet(completedAt);
            report(mtu, fec, fps, frames, completedAt, sentAt, senderCost);
        }
    }

    private static void report(final int mtu, final double fec, final int fps, final int sent,
                               final ConcurrentHashMap<Long, Long> completedAt, final long[] sentAt,
                               final Histogram senderCost) {
        final Histogram latency = Percentiles.nanos();
        completedAt.forEach((seq, at) -> latency.recordValue(Math.max(0, at - sentAt[(int)(seq - WARM_UP_FRAMES)])));
        System.out.printf("| %s | %s | %s | %d | %.1f %% | %s | %s | %s | %s / %s |%n",
            mtu == 1500 ? "1452 B fragments" : "one 40 KB datagram", fec == 0 ? "off" : (int)(fec * 100) + " %",
            fps == 0 ? "flat out" : fps + " fps", sent, 100.0 * completedAt.size() / Math.max(1, sent),
            Percentiles.micros(latency, 50), Percentiles.micros(latency, 99), Percentiles.micros(latency, 100),
            Percentiles.micros(senderCost, 50), Percentiles.micros(senderCost, 99));
    }

    private static void awaitCompletion(final ConcurrentHashMap<Long, Long> completedAt, final long seq) {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
        while (!completedAt.containsKey(seq) && System.nanoTime() - deadline < 0) {
            LockSupport.parkNanos(deadline - System.nanoTime());
        }
    }

    private static void awaitQuiet(final ConcurrentHashMap<Long, Long> completedAt) {
        int stable = 0;
        int last = -1;
        while (stable < 20) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
            stable = completedAt.size() == last ? stable + 1 : 0;
            last = completedAt.size();
        }
    }

    private void lossTable() {
        final double[] losses = {0.01, 0.05, 0.10};
        final double[] redundancies = {0, 0.2, 0.4};
        final double[][] completed = new double[losses.length][redundancies.length];
        final double[] overhead = new double[redundancies.length];
        for (int r = 0; r < redundancies.length; r++) {
            final List<List<ByteBuffer>> frames = encode(redundancies[r]);
            overhead[r] = (double)frames.getFirst().size() / dataCount(frames.getFirst()) - 1;
            for (int l = 0; l < losses.length; l++) {
                completed[l][r] = completedUnderLoss(frames, losses[l], 100 + l);
            }
        }
        System.out.println("| random datagram loss | FEC off | FEC 20 % | FEC 40 % |");
        System.out.println("|---|---|---|---|");
        for (int l = 0; l < losses.length; l++) {
            System.out.printf("| %.0f %% | %.1f %% | %.1f %% | %.1f %% |%n", losses[l] * 100,
                completed[l][0] * 100, completed[l][1] * 100, completed[l][2] * 100);
        }
        System.out.printf("| datagram overhead | %.0f %% | %.1f %% | %.1f %% |%n", overhead[0] * 100,
            overhead[1] * 100, overhead[2] * 100);
    }

    private List<List<ByteBuffer>> encode(final double redundancy) {
        final FrameEncoder encoder = new FrameEncoder(1452, redundancy, 1 << 20, new MessageAuthenticator(KEY));
        final byte[] jpeg = new byte[FRAME_BYTES];
        final Random random = new Random(3);
        final List<List<ByteBuffer>> frames = new ArrayList<>();
        for (long seq = 1; seq <= lossFrames; seq++) {
            random.nextBytes(jpeg);
            final int count = encoder.begin(2, seq, seq, 0, jpeg, jpeg.length);
            final List<ByteBuffer> datagrams = new ArrayList<>(count);
            for (int index = 0; index < count; index++) {
                final ByteBuffer datagram = ByteBuffer.allocate(encoder.datagramLength());
                encoder.write(index, datagram, 0);
                datagrams.add(datagram);
            }
            frames.add(datagrams);
        }
        return frames;
    }

    private static int dataCount(final List<ByteBuffer> datagrams) {
        return new FrameFragmentFlyweight().wrap(datagrams.getFirst(), 0, datagrams.getFirst().capacity()).dataCount();
    }

    private static double completedUnderLoss(final List<List<ByteBuffer>> frames, final double loss, final long seed) {
        final JpegFramePool pool = new JpegFramePool(64, (1 << 20) + 1452);
        final AtomicLong completed = new AtomicLong();
        final FrameReassembler reassembler = new FrameReassembler(new ReassemblyConfig(1, 4, 4, 1 << 20, 1452,
            2 << 20, Long.MAX_VALUE / 4, Long.MAX_VALUE / 4, 1 << 20), pool, frame -> {
                completed.incrementAndGet();
                pool.release(frame);
            });
        final Random random = new Random(seed);
        final FrameFragmentFlyweight fragment = new FrameFragmentFlyweight();
        for (final List<ByteBuffer> datagrams : frames) {
            for (final ByteBuffer datagram : datagrams) {
                if (random.nextDouble() >= loss) {
                    fragment.wrap(datagram, 0, datagram.capacity());
                    reassembler.accept(fragment, reassembler.stream(2, 0), 0);
                }
            }
        }
        return (double)completed.get() / frames.size();
    }
}

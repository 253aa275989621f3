package io.saccade.bench;

import io.saccade.os.futex.FutexWordSignal;
import io.saccade.protocol.ring.ParkingWordSignal;
import io.saccade.protocol.ring.RingKind;
import io.saccade.protocol.ring.SlotRingReader;
import io.saccade.protocol.ring.SlotView;
import io.saccade.protocol.ring.WordSignal;
import java.io.DataInputStream;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * The receiving process of {@link ShmBenchmark}: takes each payload as the strategy under test delivers it, copies it
 * into its own memory, and measures from the sender's start (CLOCK_MONOTONIC, shared by the host's processes) to
 * holding the data, and for the ring also from the writer's publish. Prints {@code RESULT p50 p99 max
 * publish-p50 publish-p99}, in microseconds.
 */
public final class HandoffChild {
    /** Payloads not counted while the JIT compiles the receiving path. */
    static final int WARM_UP = 100;
    private HandoffChild() {
    }

    /**
     * @param args strategy (futex, spin, park, uds, tcp), address (ring file, socket path or port), frames.
     * @throws Exception when the channel cannot be opened.
     */
    public static void main(final String[] args) throws Exception {
        final String strategy = args[0];
        final int frames = Integer.parseInt(args[2]);
        final Histogram[] latency = switch (strategy) {
            case "futex" -> fromRing(Path.of(args[1]), new FutexWordSignal(), frames, false);
            case "futex-copy" -> fromRing(Path.of(args[1]), new FutexWordSignal(), frames, true);
            case "spin" -> fromRing(Path.of(args[1]), new ParkingWordSignal(0), frames, false);
            case "park" -> fromRing(Path.of(args[1]), new ParkingWordSignal(TimeUnit.MICROSECONDS.toNanos(50)), frames,
                false);
            case "uds" -> fromSocket(SocketChannel.open(UnixDomainSocketAddress.of(args[1])), frames);
            case "tcp" -> fromSocket(SocketChannel.open(new InetSocketAddress("127.0.0.1",
                Integer.parseInt(args[1]))), frames);
            default -> throw new IllegalArgumentException("unknown strategy " + strategy);
        };
        System.out.printf("RESULT %.1f %.1f %.1f %s %s%n", latency[0].getValueAtPercentile(50) / 1000.0,
            latency[0].getValueAtPercentile(99) / 1000.0, latency[0].getMaxValue() / 1000.0,
            latency.length > 1 ? String.format("%.1f", latency[1].getValueAtPercentile(50) / 1000.0) : "-",
            latency.length > 1 ? String.format("%.1f", latency[1].getValueAtPercentile(99) / 1000.0) : "-");
    }

    /**
     * Without copying, "holding the data" means holding a validated view of it in shared memory, as an engine that
     * reads its input in place does; with copying, a private copy, as an engine that needs its own buffer does.
     */
    private static Histogram[] fromRing(final Path file, final WordSignal signal, final int frames, final boolean copy)
        throws Exception {
        final Histogram latency = new Histogram(3_600_000_000_000L, 3);
        final Histogram wake = new Histogram(3_600_000_000_000L, 3);
        int seen = 0;
        System.out.println("READY");
        try (SlotRingReader reader = SlotRingReader.open(file, RingKind.TENSOR, signal)) {
            MemorySegment target = null;
            long checksum = 0;
            while (seen < frames) {
                final SlotView view = reader.awaitNewest(TimeUnit.SECONDS.toNanos(10));
                if (view == null) {
                    break;
                }
                if (target == null) {
                    target = MemorySegment.ofArray(new byte[view.length()]);
                }
                final boolean whole;
                if (copy) {
                    whole = view.copyTo(target);
                } else {
                    checksum += view.payload().get(ValueLayout.JAVA_LONG_UNALIGNED, 0)
                        + view.payload().get(ValueLayout.JAVA_LONG_UNALIGNED, view.length() - 8);
                    whole = view.isIntact();
                }
                final long now = System.nanoTime();
                if (whole && ++seen > WARM_UP) {
                    latency.recordValue(Math.max(0, now - view.frame().captureTimeNanos()));
                    wake.recordValue(Math.max(0, now - view.frame().writtenAtNanos()));
                }
            }
            System.out.println("CHECKSUM " + checksum);
        }
        return new Histogram[] {latency, wake};
    }

    private static Histogram[] fromSocket(final SocketChannel channel, final int frames) throws IOException {
        final Histogram latency = new Histogram(3_600_000_000_000L, 3);
        try (channel; DataInputStream in = new DataInputStream(Channels.newInputStream(channel))) {
            byte[] payload = new byte[0];
            System.out.println("READY");
            for (int frame = 0; frame < frames; frame++) {
                final long start = in.readLong();
                final int length = in.readInt();
                if (payload.length < length) {
                    payload = new byte[length];
                }
                in.readFully(payload, 0, length);
                if (frame >= WARM_UP) {
                    latency.recordValue(Math.max(0, System.nanoTime() - start));
                }
            }
        }
        return new Histogram[] {latency};
    }

    /** @return whether the JDK can open Unix domain sockets here. */
    static boolean unixSocketsWork() {
        try (SocketChannel probe = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            return probe.isOpen();
        } catch (final IOException | UnsupportedOperationException ex) {
            return false;
        }
    }
}

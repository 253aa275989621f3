package io.saccade.bench;

import io.saccade.os.futex.FutexWordSignal;
import io.saccade.protocol.ring.FrameStamp;
import io.saccade.protocol.ring.RingKind;
import io.saccade.protocol.ring.SlotRingWriter;
import io.saccade.protocol.tensor.InputSpec;
import io.saccade.protocol.time.NanoClock;
import io.saccade.runtime.telemetry.Hardware;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import net.openhft.chronicle.map.ChronicleMap;
import org.HdrHistogram.Histogram;

/**
 * Hands a tensor from one process to another and times it from the moment the sender starts writing to the moment
 * the receiver holds a copy: the slot ring with three ways of waiting, then the same bytes over a Unix domain socket
 * and TCP loopback (what sending tensors to a model server costs), and Chronicle Map with tensor-sized values.
 * <p>
 * Large because it measures the slot ring against TCP loopback with the same payloads, both sides in this class.
 */
final class ShmBenchmark {
    private static final List<InputSpec> PAYLOADS = List.of(
        InputSpec.parse("300x300:rgb:nhwc:f16:stretch"),
        InputSpec.parse("1024x1024:grey:nhwc:u8:stretch"));

    private final int frames;
    private final long intervalNanos;

    ShmBenchmark(final int frames, final long intervalNanos) {
        this.frames = frames;
        this.intervalNanos = intervalNanos;
    }

    void run() throws Exception {
        final Path directory = Files.createTempDirectory(Path.of("/dev/shm"), "saccade-bench");
        System.out.println(
            "## Shared-memory hand-off: sender starts writing -> receiver holds a copy, two processes\n");
        System.out.printf("%d payloads per row, one every %.1f ms (the receiver is idle when each arrives). The "
            + "sender writes the whole payload each time; \"read in place\" ends when the receiver holds a validated "
            + "view of the slot (what an engine reading its input in place needs), \"copied out\" when it holds a "
            + "private copy; the sockets end when the receiver has read every byte.%n%n", frames, intervalNanos / 1e6);
        System.out.println("| payload | hand-off | p50 us | p99 us | max us | publish -> held p50 / p99 us |");
        System.out.println("|---|---|---|---|---|---|");
        try {
            for (final InputSpec payload : PAYLOADS) {
                final String size = payload.tensorBytes() == 540_000 ? "540 KB (300x300x3 fp16)" : "1 MiB";
                for (final String strategy : List.of("futex", "futex-copy", "spin", "park")) {
                    row(size, label(strategy), viaRing(directory, payload, strategy));
                }
                if (HandoffChild.unixSocketsWork()) {
                    row(size, "Unix domain socket", viaSocket(directory, payload, true));
                }
                row(size, "TCP loopback", viaSocket(directory, payload, false));
            }
            chronicle(directory);
        } finally {
            try (var files = Files.list(directory)) {
                for (final Path file : files.toList()) {
                    Files.deleteIfExists(file);
                }
            }
            Files.deleteIfExists(directory);
        }
        System.out.println("\nHardware: " + Hardware.describe());
    }

    private static String label(final String strategy) {
        return switch (strategy) {
            case "futex" -> "slot ring, futex wake, read in place";
            case "futex-copy" -> "slot ring, futex wake, copied out";
            case "spin" -> "slot ring, busy poll, read in place";
            default -> "slot ring, timed park 50 us, read in place";
        };
    }

    private static void row(final String size, final String strategy, final String result) {
        final String[] parts = result.split(" ");
        System.out.printf("| %s | %s | %s | %s | %s | %s / %s |%n", size, strategy, parts[1], parts[2], parts[3],
            parts[4], parts[5]);
    }

    private String viaRing(final Path directory, final InputSpec payload, final String strategy) throws Exception {
        final Path file = directory.resolve(strategy + "-" + payload.tensorBytes() + ".ring");
        final byte[] source = randomBytes(payload.tensorBytes());
        try (SlotRingWriter writer = SlotRingWriter.open(file, RingKind.TENSOR, payload, 3, payload.tensorBytes(),
                 new FutexWordSignal(), NanoClock.system());
             ChildProcess child = ChildProcess.start(HandoffChild.class, strategy, file.toString(),
                 Integer.toString(frames + HandoffChild.WARM_UP))) {
            child.awaitLine("READY");
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
            final FrameStamp stamp = new FrameStamp();
            for (int frame = 0; frame < frames + HandoffChild.WARM_UP; frame++) {
                final long start = System.nanoTime();
                MemorySegment.copy(MemorySegment.ofArray(source), 0, writer.claim(), 0, source.length);
                writer.publish(stamp.set(1, frame, start, payload.width(), payload.height()), source.length);
                LockSupport.parkNanos(intervalNanos);
            }
            return child.awaitLine("RESULT");
        }
    }

    private String viaSocket(final Path directory, final InputSpec payload, final boolean unix) throws Exception {
        final Path socketFile = directory.resolve("handoff.sock");
        Files.deleteIfExists(socketFile);
        final byte[] source = randomBytes(payload.tensorBytes());
        try (ServerSocketChannel server = unix
                ? ServerSocketChannel.open(StandardProtocolFamily.UNIX).bind(UnixDomainSocketAddress.of(socketFile))
                : ServerSocketChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
             ChildProcess child = ChildProcess.start(HandoffChild.class, unix ? "uds" : "tcp",
                 unix ? socketFile.toString() : Integer.toString(((InetSocketAddress)server.getLocalAddress())
                     .getPort()), Integer.toString(frames + HandoffChild.WARM_UP));
             SocketChannel connection = server.accept()) {
            child.awaitLine("READY");
            final ByteBuffer header = ByteBuffer.allocate(12);
            final ByteBuffer body = ByteBuffer.wrap(source);
            for (int frame = 0; frame < frames + HandoffChild.WARM_UP; frame++) {
                header.clear().putLong(0, System.nanoTime()).putInt(8, source.length);
                body.clear();
                while (header.hasRemaining() || body.hasRemaining()) {
                    connection.write(new ByteBuffer[] {header, body});
                }
                LockSupport.parkNanos(intervalNanos);
            }
            return child.awaitLine("RESULT");
        }
    }

    /** Chronicle Map with 540 KB values: what the node registry's store would cost for tensors. */
    private static void chronicle(final Path directory) throws IOException {
        final byte[] value = randomBytes(540_000);
        final Histogram puts = Percentiles.nanos();
        final Histogram gets = Percentiles.nanos();
        final Path file = directory.resolve("tensors.cm");
        try (ChronicleMap<CharSequence, byte[]> map = ChronicleMap.of(CharSequence.class, byte[].class)
            .name("bench-tensors").entries(4).averageKey("tensor").averageValueSize(value.length)
            .createPersistedTo(file.toFile())) {
            for (int i = 0; i < 300; i++) {
                final long start = System.nanoTime();
                map.put("tensor", value);
                final long put = System.nanoTime();
                final byte[] copy = map.get("tensor");
                final long got = System.nanoTime();
                if (i >= 50 && copy.length == value.length) {
                    puts.recordValue(put - start);
                    gets.recordValue(got - put);
                }
            }
            System.out.printf("| 540 KB (300x300x3 fp16) | Chronicle Map put (one process) | %s | %s | %s | - |%n",
                Percentiles.micros(puts, 50), Percentiles.micros(puts, 99), Percentiles.micros(puts, 100));
            System.out.printf("| 540 KB (300x300x3 fp16) | Chronicle Map get, new byte[] each | %s | %s | %s | - |%n",
                Percentiles.micros(gets, 50), Percentiles.micros(gets, 99), Percentiles.micros(gets, 100));
            System.out.printf("%nChronicle Map file for 4 such entries: %.1f MiB on tmpfs.%n",
                Files.size(file) / 1048576.0);
        } catch (final RuntimeException ex) {
            System.out.println("| 540 KB | Chronicle Map | failed: " + ex + " | | |");
        }
    }

    private static byte[] randomBytes(final int length) {
        final byte[] bytes = new byte[length];
        new Random(1).nextBytes(bytes);
        return bytes;
    }
}

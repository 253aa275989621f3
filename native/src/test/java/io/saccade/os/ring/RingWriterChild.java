package io.saccade.os.ring;

import io.saccade.os.futex.FutexWordSignal;
import io.saccade.protocol.ring.FrameStamp;
import io.saccade.protocol.ring.RingKind;
import io.saccade.protocol.ring.SlotRingWriter;
import io.saccade.protocol.tensor.InputSpec;
import io.saccade.protocol.time.NanoClock;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;

/**
 * Child side of {@link SlotRingCrossProcessIT}: the writer. Payload of frame n: every byte is {@code (byte)n}, and the
 * first and last eight bytes hold n, so any mix of two frames is visible.
 */
public final class RingWriterChild {
    private RingWriterChild() {
    }

    /**
     * @param args ring file, spec, first sequence number, frames to write, pause between frames (microseconds), and
     *             "slow" to make each write take a while (so a kill lands inside one).
     * @throws Exception when the ring cannot be opened.
     */
    public static void main(final String[] args) throws Exception {
        final InputSpec spec = InputSpec.parse(args[1]);
        final long first = Long.parseLong(args[2]);
        final long frames = Long.parseLong(args[3]);
        final long pauseNanos = Long.parseLong(args[4]) * 1_000;
        final boolean slow = args.length > 5 && "slow".equals(args[5]);
        try (SlotRingWriter writer = SlotRingWriter.open(Path.of(args[0]), RingKind.TENSOR, spec, 3,
            spec.tensorBytes(), new FutexWordSignal(), NanoClock.system())) {
            System.out.println("OPENED generation=" + writer.generation());
            for (long seq = first; seq < first + frames; seq++) {
                write(writer.claim(), seq, slow);
                writer.publish(new FrameStamp().set(1, seq, System.nanoTime(), 640, 480), spec.tensorBytes());
                if ((seq - first) % 100 == 0) {
                    System.out.println("PUBLISHED " + seq);
                }
                final long until = System.nanoTime() + pauseNanos;
                while (System.nanoTime() - until < 0) {
                    Thread.onSpinWait();
                }
            }
            System.out.println("DONE");
        }
    }

    static void write(final MemorySegment payload, final long seq, final boolean slow) {
        final long length = payload.byteSize();
        final long chunk = slow ? Math.max(1, length / 64) : length;
        for (long from = 0; from < length; from += chunk) {
            payload.asSlice(from, Math.min(chunk, length - from)).fill((byte)seq);
            if (slow) {
                final long until = System.nanoTime() + 20_000;
                while (System.nanoTime() - until < 0) {
                    Thread.onSpinWait();
                }
            }
        }
        payload.set(java.lang.foreign.ValueLayout.JAVA_LONG_UNALIGNED, 0, seq);
        payload.set(java.lang.foreign.ValueLayout.JAVA_LONG_UNALIGNED, length - 8, seq);
    }
}

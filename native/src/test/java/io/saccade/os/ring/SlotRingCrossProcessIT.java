package io.saccade.os.ring;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.saccade.os.futex.FutexWordSignal;
import io.saccade.os.linux.LinuxLibc;
import io.saccade.os.testing.ChildJvm;
import io.saccade.protocol.ring.RingKind;
import io.saccade.protocol.ring.SlotRingFlyweight;
import io.saccade.protocol.ring.SlotRingReader;
import io.saccade.protocol.ring.SlotView;
import io.saccade.protocol.tensor.InputSpec;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A slot ring between two real JVMs on a real tmpfs file: every frame the reader takes is whole and newer than the
 * one before, a sleeping reader is woken by the writer's futex, and a writer killed in the middle of a slot leaves
 * nothing half-written behind for a reader to take.
 */
class SlotRingCrossProcessIT {
    /** A 300x300x3 fp16 tensor: 540,000 bytes. */
    private static final InputSpec SSD_FP16 = InputSpec.parse("300x300:rgb:nhwc:f16:stretch:mean=127.5:std=127.5");
    private static final InputSpec SMALL = InputSpec.parse("128x128:rgb:nhwc:f32:stretch");
    private static final InputSpec TINY = InputSpec.parse("64x64:rgb:nhwc:u8:stretch");

    private Path directory;

    @BeforeEach
    void createDirectory() throws Exception {
        assumeTrue(LinuxLibc.isAvailable(), () -> "needs Linux FFM bindings: " + LinuxLibc.check());
        final Path shm = Path.of("/dev/shm");
        directory = Files.createTempDirectory(Files.isWritable(shm) ? shm : Path.of(System.getProperty(
            "java.io.tmpdir")), "saccade-ring-it");
    }

    @AfterEach
    void clean() throws Exception {
        if (directory != null) {
            try (var files = Files.list(directory)) {
                for (final Path file : files.toList()) {
                    Files.deleteIfExists(file);
                }
            }
            Files.deleteIfExists(directory);
        }
    }

    @Test
    void shouldHandEveryReaderWholeFramesNewestFirst() throws Exception {
        final Path file = directory.resolve("tensor.ring");
        try (ChildJvm writer = ChildJvm.start(RingWriterChild.class, file.toString(), SSD_FP16.toString(), "1", "3000",
            "200")) {
            awaitOpened(file, writer);
            try (SlotRingReader reader = SlotRingReader.open(file, RingKind.TENSOR, new FutexWordSignal())) {
                final List<Long> seen = readUntil(reader, 3000, writer);

                assertTrue(seen.size() > 10, "read " + seen.size() + " frames");
                for (int i = 1; i < seen.size(); i++) {
                    assertTrue(seen.get(i) > seen.get(i - 1), "only ever newer frames");
                }
            }
            assertEquals(0, writer.awaitExit(60), writer.output());
        }
    }

    @Test
    void shouldWakeASleepingReaderAndTimeOutWhenNothingIsPublished() throws Exception {
        final Path file = directory.resolve("tensor.ring");
        try (ChildJvm first = ChildJvm.start(RingWriterChild.class, file.toString(), SMALL.toString(), "1", "1",
            "0")) {
            assertEquals(0, first.awaitExit(60), first.output());
        }
        try (SlotRingReader reader = SlotRingReader.open(file, RingKind.TENSOR, new FutexWordSignal())) {
            assertEquals(1, reader.pollNewest().frame().frameSeq());
            assertNull(reader.awaitNewest(TimeUnit.MILLISECONDS.toNanos(200)), "nothing newer: the wait times out");

            try (ChildJvm second = ChildJvm.start(RingWriterChild.class, file.toString(), SMALL.toString(), "50", "1",
                "0")) {
                final SlotView woken = reader.awaitNewest(TimeUnit.SECONDS.toNanos(60));

                assertNotNull(woken, second.output());
                assertTrue(woken.frame().frameSeq() == 50 || reader.generation() == 2, "the new writer's frame");
                assertEquals(0, second.awaitExit(60), second.output());
            }
        }
    }

    @Test
    void shouldNeverDeliverATornFrameUnderAWriterFlatOut() throws Exception {
        final Path file = directory.resolve("tensor.ring");
        try (ChildJvm writer = ChildJvm.start(RingWriterChild.class, file.toString(), TINY.toString(), "1", "50000",
            "0")) {
            awaitOpened(file, writer);
            try (SlotRingReader reader = SlotRingReader.open(file, RingKind.TENSOR, new FutexWordSignal())) {
                final List<Long> seen = readUntil(reader, 50_000, writer);

                assertTrue(seen.size() > 20, "read " + seen.size() + " whole frames while the writer raced");
            }
            assertEquals(0, writer.awaitExit(60), writer.output());
        }
    }

    @Test
    void shouldLeaveNothingHalfWrittenWhenTheWriterIsKilledMidFrameAndLetTheNextWriterTakeOver() throws Exception {
        final Path file = directory.resolve("tensor.ring");
        SlotRingReader reader = null;
        long seq = 1;
        final List<Long> seen = new ArrayList<>();
        int killedMidSlot = 0;
        try {
            for (int round = 1; round <= 5; round++, seq += 1_000_000) {
                try (ChildJvm writer = ChildJvm.start(RingWriterChild.class, file.toString(), SSD_FP16.toString(),
                    Long.toString(seq), "1000000", "0", "slow")) {
                    awaitOpened(file, writer);
                    if (reader == null) {
                        reader = SlotRingReader.open(file, RingKind.TENSOR, new FutexWordSignal());
                    }
                    final long firstOfRound = seq;
                    final SlotRingReader current = reader;
                    await().atMost(Duration.ofSeconds(60)).until(() -> {
                        readWhole(current, seen);
                        return !seen.isEmpty() && seen.getLast() >= firstOfRound + 20;
                    });
                    writer.process().destroyForcibly().waitFor();
                }
                killedMidSlot += hasOddSeqlock(file) ? 1 : 0;
                readWhole(reader, seen);
                assertEquals(round, reader.generation(), "round " + round + " was written by generation " + round);
            }
        } finally {
            if (reader != null) {
                reader.close();
            }
        }
        assertTrue(killedMidSlot > 0, "at least one writer died inside a slot (its seqlock left odd)");
        for (long round = 0; round < 5; round++) {
            final long first = 1 + round * 1_000_000;
            assertTrue(seen.stream().anyMatch(frame -> frame >= first && frame < first + 1_000_000),
                "whole frames from writer " + (round + 1) + ": " + seen);
        }
    }

    private static boolean hasOddSeqlock(final Path file) throws Exception {
        try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(file);
             java.lang.foreign.Arena arena = java.lang.foreign.Arena.ofConfined()) {
            final SlotRingFlyweight ring = new SlotRingFlyweight().wrap(
                channel.map(java.nio.channels.FileChannel.MapMode.READ_ONLY, 0, channel.size(), arena));
            for (int slot = 0; slot < ring.slotCount(); slot++) {
                if ((ring.slotLockAcquire(slot) & 1) != 0) {
                    return true;
                }
            }
            return false;
        }
    }

    private void awaitOpened(final Path file, final ChildJvm writer) {
        await().atMost(Duration.ofSeconds(60)).until(() -> writer.output().contains("OPENED") && Files.exists(file));
    }

    /** Reads until the writer is done (its last frame read or the process ended), checking every frame is whole. */
    private List<Long> readUntil(final SlotRingReader reader, final long lastSeq, final ChildJvm writer)
        throws Exception {
        final List<Long> seen = new ArrayList<>();
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while ((seen.isEmpty() || seen.getLast() < lastSeq) && System.nanoTime() < deadline) {
            final SlotView view = reader.awaitNewest(TimeUnit.MILLISECONDS.toNanos(200));
            if (view != null) {
                checkWhole(view, seen);
            } else if (!writer.process().isAlive()) {
                break;
            }
        }
        return seen;
    }

    private void readWhole(final SlotRingReader reader, final List<Long> seen) throws Exception {
        final SlotView view = reader.pollNewest();
        if (view != null) {
            checkWhole(view, seen);
        }
    }

    /** Copies the frame out; when the copy is intact, every byte must belong to the one frame it claims to be. */
    private void checkWhole(final SlotView view, final List<Long> seen) {
        final MemorySegment copy = MemorySegment.ofArray(new byte[view.length()]);
        if (!view.copyTo(copy)) {
            return;
        }
        final long seq = view.frame().frameSeq();
        assertEquals(seq, copy.get(ValueLayout.JAVA_LONG_UNALIGNED, 0), "head of frame " + seq);
        assertEquals(seq, copy.get(ValueLayout.JAVA_LONG_UNALIGNED, view.length() - 8), "tail of frame " + seq);
        final byte fill = (byte)seq;
        for (long i = 8; i < view.length() - 8; i += 97) {
            if (copy.get(ValueLayout.JAVA_BYTE, i) != fill) {
                throw new AssertionError("frame " + seq + " is torn at byte " + i);
            }
        }
        seen.add(seq);
    }
}

package io.saccade.protocol.ring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.saccade.protocol.tensor.InputSpec;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Writer and reader of one ring in one process; the cross-process tests live with the futex in native/. */
class SlotRingTest {
    private static final InputSpec SPEC = InputSpec.parse("16x16:rgb:nhwc:u8:stretch");
    private static final int CAPACITY = SPEC.tensorBytes();
    private static final WordSignal SIGNAL = new ParkingWordSignal(20_000);

    @TempDir
    Path dir;

    private long now = 1_000;

    @Test
    void shouldHandTheNewestPublishedSlotToAReaderOnlyOnce() throws Exception {
        final Path file = dir.resolve("tensor.ring");
        try (SlotRingWriter writer = writer(file, 4); SlotRingReader reader = reader(file)) {
            for (long seq = 1; seq <= 3; seq++) {
                write(writer, seq);
            }

            final SlotView newest = reader.pollNewest();

            assertEquals(3, newest.frame().frameSeq());
            assertEquals(CAPACITY, newest.length());
            assertEquals(SPEC.id(), newest.specId());
            assertEquals(3, newest.payload().get(ValueLayout.JAVA_BYTE, 0));
            assertEquals(now, newest.frame().writtenAtNanos());
            assertTrue(newest.isIntact());
            assertNull(reader.pollNewest(), "nothing newer yet");
            write(writer, 4);
            assertEquals(4, reader.pollNewest().frame().frameSeq());
        }
    }

    @Test
    void shouldNeverReturnTheSlotBeingWritten() throws Exception {
        final Path file = dir.resolve("tensor.ring");
        try (SlotRingWriter writer = writer(file, 2); SlotRingReader reader = reader(file)) {
            write(writer, 1);
            writer.claim().fill((byte)99);

            assertEquals(1, reader.pollNewest().frame().frameSeq());
        }
    }

    @Test
    void shouldTellThatAPayloadWasOverwrittenWhileInUse() throws Exception {
        final Path file = dir.resolve("tensor.ring");
        try (SlotRingWriter writer = writer(file, 2); SlotRingReader reader = reader(file)) {
            write(writer, 1);
            final SlotView view = reader.pollNewest();

            write(writer, 2);
            assertTrue(view.isIntact(), "the writer wrote the other slot");
            write(writer, 3);

            assertFalse(view.isIntact(), "the writer came round to the slot in use");
            assertFalse(view.copyTo(MemorySegment.ofArray(new byte[CAPACITY])));
        }
    }

    @Test
    void shouldWakeAWaitingReaderAndTimeOutWhenNothingComes() throws Exception {
        final Path file = dir.resolve("tensor.ring");
        try (SlotRingWriter writer = writer(file, 3); SlotRingReader reader = reader(file)) {
            assertNull(reader.awaitNewest(TimeUnit.MILLISECONDS.toNanos(5)));

            final CompletableFuture<Long> seen = CompletableFuture.supplyAsync(() -> {
                try {
                    return reader.awaitNewest(TimeUnit.SECONDS.toNanos(30)).frame().frameSeq();
                } catch (final IOException | InvalidRingException ex) {
                    throw new IllegalStateException(ex);
                }
            });
            write(writer, 7);

            assertEquals(7, seen.get(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void shouldTakeOverFromAWriterThatIsGoneAndRepairItsHalfWrittenSlot() throws Exception {
        final Path file = dir.resolve("tensor.ring");
        try (SlotRingReader reader = readerAfter(file, 1)) {
            killWriterMidSlot(file, finishedProcess(), 0);

            try (SlotRingWriter next = writer(file, 3)) {
                assertEquals(2, next.generation());
                assertEquals(1, reader.pollNewest().frame().frameSeq(), "a new generation: the reader starts over");
                write(next, 2);
                assertEquals(2, reader.pollNewest().frame().frameSeq());
                assertEquals(2, reader.generation());
            }
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ); Arena arena = Arena.ofConfined()) {
            final SlotRingFlyweight ring = new SlotRingFlyweight()
                .wrap(channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size(), arena));
            for (int slot = 0; slot < 3; slot++) {
                assertEquals(0, ring.slotLockAcquire(slot) & 1, "no slot left odd");
            }
        }
    }

    @Test
    void shouldRefuseARingALiveWriterStillWrites() throws Exception {
        final Path file = dir.resolve("tensor.ring");
        readerAfter(file, 1).close();
        final Process live = new ProcessBuilder("sleep", "60").start();
        try {
            killWriterMidSlot(file, live.toHandle(), now);

            final RingBusyException refused = assertThrows(RingBusyException.class, () -> writer(file, 3));

            assertTrue(refused.getMessage().contains("pid " + live.pid()), refused.getMessage());
        } finally {
            live.destroyForcibly().waitFor();
        }
    }

    @Test
    void shouldTakeOverAWriterInAnotherNamespaceOnlyOnceItsHeartbeatIsStale() throws Exception {
        final Path file = dir.resolve("tensor.ring");
        readerAfter(file, 1).close();
        setWriter(file, new ProcessIdentity(12345, 1, 42), now);

        assertThrows(RingBusyException.class, () -> writer(file, 3));
        now += SlotRingWriter.STALE_HEARTBEAT_NANOS + 1;
        try (SlotRingWriter next = writer(file, 3)) {
            assertEquals(2, next.generation());
        }
    }

    @Test
    void shouldRetireAFileOfAnotherGeometryAndLetReadersFollow() throws Exception {
        final Path file = dir.resolve("tensor.ring");
        try (SlotRingReader reader = readerAfter(file, 1)) {
            try (SlotRingWriter bigger = writer(file, 5)) {
                write(bigger, 9);

                assertEquals(9, reader.pollNewest().frame().frameSeq(), "the reader reopened the new file");
                assertEquals(1, bigger.generation());
            }
        }
    }

    @Test
    void shouldRefuseAFileThatIsNotARingNamingIt() throws IOException {
        final Path file = Files.write(dir.resolve("garbage.ring"), new byte[4096]);

        final InvalidRingException refused = assertThrows(InvalidRingException.class, () -> reader(file));

        assertTrue(refused.getMessage().contains(file.toString()), refused.getMessage());
    }

    @Test
    void shouldNeverHandOutATornPayloadUnderAConcurrentWriter() throws Exception {
        final Path file = dir.resolve("torture.ring");
        final long wanted = 2_000;
        final AtomicLong intact = new AtomicLong();
        final AtomicLong torn = new AtomicLong();
        final AtomicLong written = new AtomicLong();
        try (SlotRingWriter writer = writer(file, 2); SlotRingReader reader = reader(file)) {
            // The writer never pauses until the reader has collected enough intact copies, so every copy races
            // a write in progress; how many attempts that takes depends on the scheduler, not on the test.
            final Thread writerThread = Thread.ofPlatform().start(() -> {
                for (long seq = 1; intact.get() < wanted; seq++) {
                    final MemorySegment payload = writer.claim();
                    payload.fill((byte)seq);
                    writer.publish(new FrameStamp().set(1, seq, seq, 16, 16), CAPACITY);
                    written.set(seq);
                }
            });
            final MemorySegment copy = MemorySegment.ofArray(new byte[CAPACITY]);
            while (intact.get() < wanted && writerThread.isAlive()) {
                final SlotView view = reader.pollNewest();
                if (view != null && view.copyTo(copy)) {
                    intact.incrementAndGet();
                    final byte expected = (byte)view.frame().frameSeq();
                    for (long i = 0; i < CAPACITY; i++) {
                        if (copy.get(ValueLayout.JAVA_BYTE, i) != expected) {
                            torn.incrementAndGet();
                            break;
                        }
                    }
                }
            }
            writerThread.join(Duration.ofSeconds(30));
            assertFalse(writerThread.isAlive(), "the writer stops once the reader is done");
        }
        assertEquals(wanted, intact.get(), "the reader got intact copies while the writer kept writing");
        assertTrue(written.get() >= wanted, "the writer published at least one frame per copy: " + written);
        assertEquals(0, torn.get(), "no copy declared intact was mixed from two frames");
    }

    private SlotRingWriter writer(final Path file, final int slots) throws Exception {
        return SlotRingWriter.open(file, RingKind.TENSOR, SPEC, slots, CAPACITY, SIGNAL, () -> now);
    }

    private static SlotRingReader reader(final Path file) throws Exception {
        return SlotRingReader.open(file, RingKind.TENSOR, SIGNAL);
    }

    /** A ring written once by a writer of generation 1 (since closed), and a reader that has read that frame. */
    private SlotRingReader readerAfter(final Path file, final long seq) throws Exception {
        try (SlotRingWriter first = writer(file, 3)) {
            write(first, seq);
        }
        final SlotRingReader reader = reader(file);
        assertNotNull(reader.pollNewest());
        return reader;
    }

    private void write(final SlotRingWriter writer, final long seq) {
        writer.claim().fill((byte)seq);
        writer.publish(new FrameStamp().set(1, seq, seq * 10, 640, 480), CAPACITY);
    }

    /** Makes the file look as if its writer died inside a slot: odd seqlock, the given identity and heartbeat. */
    private static void killWriterMidSlot(final Path file, final ProcessHandle writer, final long heartbeat)
        throws IOException {
        final ProcessIdentity self = ProcessIdentity.current();
        final long start = writer.info().startInstant().map(java.time.Instant::toEpochMilli).orElse(0L);
        setWriter(file, new ProcessIdentity(writer.pid(), start, self.pidNamespace()), heartbeat);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
             Arena arena = Arena.ofConfined()) {
            final SlotRingFlyweight ring = new SlotRingFlyweight()
                .wrap(channel.map(FileChannel.MapMode.READ_WRITE, 0, channel.size(), arena));
            ring.slotLockRelease(1, ring.slotLockAcquire(1) + 1);
        }
    }

    private static void setWriter(final Path file, final ProcessIdentity writer, final long heartbeat)
        throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
             Arena arena = Arena.ofConfined()) {
            new SlotRingFlyweight().wrap(channel.map(FileChannel.MapMode.READ_WRITE, 0, channel.size(), arena))
                .writer(writer.pid(), writer.startMillis())
                .writerPidNamespace(writer.pidNamespace())
                .writerHeartbeatRelease(heartbeat);
        }
    }

    private static ProcessHandle finishedProcess() throws Exception {
        final Process process = new ProcessBuilder("true").start();
        process.waitFor();
        return process.toHandle();
    }
}

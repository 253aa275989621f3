package io.saccade.preprocess.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.saccade.preprocess.handoff.LatestFrameMailbox;
import io.saccade.preprocess.reassembly.JpegFramePool;
import io.saccade.preprocess.shm.InsufficientSharedMemoryException;
import io.saccade.preprocess.shm.SharedMemoryDirectory;
import io.saccade.preprocess.testing.JpegFrames;
import io.saccade.preprocess.testing.TestJpegs;
import io.saccade.protocol.clock.ClockSample;
import io.saccade.protocol.clock.ClockTable;
import io.saccade.protocol.ring.FrameStamp;
import io.saccade.protocol.ring.ParkingWordSignal;
import io.saccade.protocol.ring.RingFiles;
import io.saccade.protocol.ring.RingKind;
import io.saccade.protocol.ring.SlotRingReader;
import io.saccade.protocol.ring.SlotView;
import io.saccade.protocol.tensor.InputSpec;
import java.awt.Color;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DecodeAgentTest {
    private static final InputSpec SSD = InputSpec.parse("300x300:rgb:nhwc:f32:stretch:mean=127.5:std=127.5");
    private static final ParkingWordSignal SIGNAL = new ParkingWordSignal(10_000);

    @TempDir
    Path dir;

    private long now = 5_000_000_000L;
    private final AtomicReference<Set<InputSpec>> registered = new AtomicReference<>(Set.of());
    private final JpegFramePool pool = new JpegFramePool(8, 1 << 20);
    private final LatestFrameMailbox mailbox = new LatestFrameMailbox(4, pool);
    private final JpegDecoder decoder = new JpegDecoder(1 << 20);
    private final ClockTable clocks = new ClockTable();
    private DecodeAgent agent;
    private byte[] jpeg;

    @BeforeEach
    void start() throws Exception {
        jpeg = TestJpegs.quadrants(640, 480);
        agent = new DecodeAgent(mailbox, decoder, SharedMemoryDirectory.open(dir), registered::get,
            new DecodeConfig(3, 80, 60, 16, null, 0, TimeUnit.SECONDS.toNanos(10), TimeUnit.SECONDS.toNanos(5)),
            SIGNAL,
            clocks, () -> now);
        agent.start();
    }

    @AfterEach
    void stop() {
        agent.close();
        decoder.close();
    }

    @Test
    void shouldThumbnailEveryFrameWithItsStamp() throws Exception {
        final var frame = JpegFrames.of(pool, 7, 42, jpeg);
        mailbox.offer(frame);

        assertEquals(1, agent.doWork(0));

        try (SlotRingReader thumbnails = SlotRingReader.open(RingFiles.thumbnails(dir), RingKind.THUMBNAIL, SIGNAL)) {
            final SlotView view = thumbnails.pollNewest();
            final FrameStamp stamp = view.frame();
            assertEquals(7, stamp.streamId());
            assertEquals(42, stamp.frameSeq());
            assertEquals(640, stamp.frameWidth());
            assertEquals(480, stamp.frameHeight());
            assertEquals(frame.completedAtNanos(), stamp.frameReadyAtNanos());
            assertEquals(now, stamp.writtenAtNanos());
            assertEquals(80 * 60, view.length());
        }
        assertEquals(pool.made(), pool.available(), "the frame went back to the pool");
    }

    @Test
    void shouldPlaceFramesOnTheRobotsClockOnceTheOffsetIsMeasured() throws Exception {
        try (SlotRingReader thumbnails = SlotRingReader.open(RingFiles.thumbnails(dir), RingKind.THUMBNAIL, SIGNAL)) {
            mailbox.offer(JpegFrames.of(pool, 7, 41, jpeg));
            agent.doWork(0);
            final FrameStamp before = thumbnails.pollNewest().frame();
            assertFalse(before.hasClock(), "no probe answered yet");
            assertEquals(500, before.sendDelayMicros(), "the robot's send delay travels anyway");

            // The robot's clock reads 45 ms when this node's reads 0 (the frames' completion time), +-10 us.
            clocks.update(7, new ClockSample(0, 45_010_000, 45_010_000, 20_000));
            mailbox.offer(JpegFrames.of(pool, 7, 42, jpeg));
            agent.doWork(0);

            final FrameStamp after = thumbnails.pollNewest().frame();
            assertEquals(42, after.frameSeq());
            assertEquals(45_000 - 42_000, after.readyAfterCaptureMicros(), "captured at 42 ms, ready at 45 ms");
            assertEquals(10, after.clockUncertaintyMicros());
            assertEquals(45_000_000L, after.robotMinusNodeNanos());
        }
    }

    @Test
    void shouldStartProducingASpecAtTheFirstFrameAfterItIsRegistered() throws Exception {
        mailbox.offer(JpegFrames.of(pool, 7, 1, jpeg));
        agent.doWork(0);
        assertFalse(Files.exists(RingFiles.tensors(dir, SSD)));

        registered.set(Set.of(SSD));
        mailbox.offer(JpegFrames.of(pool, 7, 2, jpeg));
        agent.doWork(0);

        try (SlotRingReader tensors = SlotRingReader.open(RingFiles.tensors(dir, SSD), RingKind.TENSOR, SIGNAL)) {
            final SlotView view = tensors.pollNewest();
            assertEquals(2, view.frame().frameSeq());
            assertEquals(SSD.id(), view.specId());
            assertEquals(SSD.tensorBytes(), view.length());
            assertEquals(SSD, tensors.spec());
        }
        assertEquals(1, agent.events().get(DecodeEvent.RING_OPENED));
        assertEquals(1, agent.events().get(DecodeEvent.TENSORS_WRITTEN));
    }

    @Test
    void shouldCloseARingOnlyAfterItsSpecWasGoneForTheGracePeriod() {
        registered.set(Set.of(SSD));
        agent.doWork(0);
        registered.set(Set.of());

        agent.doWork(0);
        now += TimeUnit.SECONDS.toNanos(9);
        agent.doWork(0);
        assertEquals(Set.of(SSD), agent.producing(), "an accelerator restarting keeps its ring");
        now += TimeUnit.SECONDS.toNanos(2);
        agent.doWork(0);

        assertEquals(Set.of(), agent.producing());
        assertEquals(1, agent.events().get(DecodeEvent.RING_CLOSED));
    }

    @Test
    void shouldWriteColourPreviewsAtMostOncePerPeriod() throws Exception {
        final Path previewed = Files.createDirectories(dir.resolve("previewed"));
        try (DecodeAgent previewing = new DecodeAgent(mailbox, decoder, SharedMemoryDirectory.open(previewed),
                 registered::get, new DecodeConfig(3, 80, 60, 16, DecodeConfig.previewSpec(160, 120),
                     TimeUnit.MILLISECONDS.toNanos(100),
                     TimeUnit.SECONDS.toNanos(10), TimeUnit.SECONDS.toNanos(5)), SIGNAL, clocks, () -> now)) {
            previewing.start();
            try (SlotRingReader previews = SlotRingReader.open(RingFiles.previews(previewed), RingKind.PREVIEW,
                SIGNAL)) {
                assertEquals(InputSpec.parse("160x120:bgr:nhwc:u8:stretch"), previews.spec());
                for (long seq = 1; seq <= 3; seq++) {
                    mailbox.offer(JpegFrames.of(pool, 7, seq, jpeg));
                    previewing.doWork(0);
                    now += TimeUnit.MILLISECONDS.toNanos(60);
                }

                final SlotView view = previews.pollNewest();
                assertEquals(3, view.frame().frameSeq(), "frame 2 came 60 ms after the first preview: skipped");
                assertEquals(640, view.frame().frameWidth(), "the stamp names the full frame's size");
                assertEquals(160 * 120 * 3, view.length());
                final byte[] pixels = view.payload().asSlice(0, view.length()).toArray(ValueLayout.JAVA_BYTE);
                assertTrue(view.isIntact());
                for (int q = 0; q < 4; q++) {
                    final int at = ((q / 2 * 60 + 30) * 160 + q % 2 * 80 + 40) * 3;
                    final Color expected = TestJpegs.QUADRANTS[q];
                    assertClose(expected.getBlue(), pixels[at], "blue of quadrant " + q);
                    assertClose(expected.getGreen(), pixels[at + 1], "green of quadrant " + q);
                    assertClose(expected.getRed(), pixels[at + 2], "red of quadrant " + q);
                }
                assertNull(previews.pollNewest(), "nothing newer");
            }
        }
    }

    private static void assertClose(final int expected, final byte actual, final String what) {
        assertTrue(Math.abs(expected - Byte.toUnsignedInt(actual)) <= 12, what + ": " + Byte.toUnsignedInt(actual)
            + " for " + expected);
    }

    @Test
    void shouldCountACorruptJpegAndCarryOn() {
        mailbox.offer(JpegFrames.of(pool, 7, 1, "\u00ff\u00d8 not really a jpeg".getBytes()));
        agent.doWork(0);
        mailbox.offer(JpegFrames.of(pool, 7, 2, jpeg));
        agent.doWork(0);

        assertEquals(1, agent.events().get(DecodeEvent.CORRUPT_JPEG));
        assertEquals(1, agent.events().get(DecodeEvent.DECODED));
    }

    @Test
    void shouldCountASpecItCannotProduceAndRetryLater() {
        final InputSpec huge = InputSpec.parse("8192x8192:rgb:nhwc:f32:stretch");
        registered.set(Set.of(huge, SSD));

        agent.doWork(0);
        agent.doWork(0);

        assertEquals(Set.of(SSD), agent.producing(), "the spec that fits is produced regardless");
        assertEquals(1, agent.events().get(DecodeEvent.RING_FAILED), "no retry before the back-off");
        now += TimeUnit.SECONDS.toNanos(5);
        agent.doWork(0);
        assertEquals(2, agent.events().get(DecodeEvent.RING_FAILED));
    }

    @Test
    void shouldNameHowMuchSharedMemoryIsMissingAndWhereToSetIt() throws Exception {
        final SharedMemoryDirectory shm = SharedMemoryDirectory.open(dir);

        final InsufficientSharedMemoryException refused = org.junit.jupiter.api.Assertions.assertThrows(
            InsufficientSharedMemoryException.class, () -> shm.requireRoom(Long.MAX_VALUE / 2, "a test ring"));

        assertTrue(refused.getMessage().startsWith("a test ring needs"), refused.getMessage());
        assertTrue(refused.getMessage().contains("--shm-size"), refused.getMessage());
        assertNotNull(refused.getMessage());
    }
}

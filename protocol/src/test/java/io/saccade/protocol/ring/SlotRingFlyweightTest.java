package io.saccade.protocol.ring;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.saccade.protocol.tensor.InputSpec;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SlotRingFlyweightTest {
    private static final Path FILE = Path.of("tensor-test.ring");
    private static final InputSpec THUMBNAIL = InputSpec.parse("80x60:grey:nhwc:u8:stretch");
    private static final String GOLDEN_HEADER =
        "5341434352494e47"     // magic "SACCRING"
        + "01000000"           // layout version 1
        + "02000000"           // kind: thumbnail
        + "0500000000000000"   // generation 5
        + "d204000000000000"   // writer pid 1234
        + "6300000000000000"   // writer start 99 ms
        + "03000000"           // 3 slots
        + "c0120000"           // 4800 bytes each
        + "00".repeat(16);     // reserved up to the spec at 64
    private static final String GOLDEN_DESCRIPTOR =
        "0200000000000000"     // seqlock 2: stable, written once
        + "2a00000000000000"   // frame seq 42
        + "e803000000000000"   // capture time 1000
        + "d007000000000000"   // written at 2000
        + "dc05000000000000"   // frame ready at 1500
        + "07000000"           // stream 7
        + "c0120000"           // 4800 bytes
        + "149c931f"           // spec id
        + "8002" + "e001"      // 640 x 480
        + "06ffffff"           // ready 250 us before capture (within the clock uncertainty)
        + "b004"               // send delay 1200 us
        + "2900";              // clock uncertainty 40 us, plus one

    private final Arena arena = Arena.ofConfined();
    private final SlotRingFlyweight ring = new SlotRingFlyweight();

    @AfterEach
    void free() {
        arena.close();
    }

    @Test
    void shouldComputeAPageAlignedGeometry() {
        assertEquals(1024 + 3 * 64, SlotRingDescriptor.descriptorOffset(3));
        assertEquals(4096, SlotRingDescriptor.payloadRegionOffset(3));
        assertEquals(4800, SlotRingDescriptor.payloadStride(4800));
        assertEquals(4096 + 2 * 4800, SlotRingDescriptor.payloadOffset(2, 3, 4800));
        assertEquals(20480, SlotRingDescriptor.fileLength(3, 4800));
        assertEquals(8192, SlotRingDescriptor.payloadRegionOffset(64), "64 descriptors push payloads to page 3");
        assertEquals(540032, SlotRingDescriptor.payloadStride(540000));
    }

    @Test
    void shouldWriteTheGoldenHeaderAndDescriptor() {
        final MemorySegment file = sample();
        final byte[] bytes = file.toArray(ValueLayout.JAVA_BYTE);

        assertEquals(GOLDEN_HEADER, HexFormat.of().formatHex(bytes, 0, 64));
        assertEquals("0700000000000000", HexFormat.of().formatHex(bytes, 128, 136), "head");
        assertEquals("02000000", HexFormat.of().formatHex(bytes, 192, 196), "signal");
        assertEquals(GOLDEN_DESCRIPTOR, HexFormat.of().formatHex(bytes, 1024 + 64, 1024 + 128));
    }

    @Test
    void shouldReadBackEverythingItWrote() throws InvalidRingException {
        final MemorySegment file = sample();

        SlotRingFlyweight.validate(file, FILE, RingKind.THUMBNAIL);
        ring.wrap(file);

        assertEquals(RingKind.THUMBNAIL, ring.kind());
        assertEquals(5, ring.generationAcquire());
        assertEquals(1234, ring.writerPid());
        assertEquals(99, ring.writerStartMillis());
        assertEquals(THUMBNAIL, ring.inputSpec());
        assertEquals(7, ring.headAcquire());
        assertEquals(2, ring.signalVolatile());
        assertEquals(2, ring.slotLockAcquire(1));
        final FrameStamp stamp = ring.readFrame(1, new FrameStamp());
        assertEquals(7, stamp.streamId());
        assertEquals(42, stamp.frameSeq());
        assertEquals(1000, stamp.captureTimeNanos());
        assertEquals(1500, stamp.frameReadyAtNanos());
        assertEquals(2000, stamp.writtenAtNanos());
        assertEquals(640, stamp.frameWidth());
        assertEquals(480, stamp.frameHeight());
        assertEquals(4800, ring.length(1));
        assertEquals(THUMBNAIL.id(), ring.specId(1));
        assertEquals(true, stamp.hasClock());
        assertEquals(-250, stamp.readyAfterCaptureMicros());
        assertEquals(40, stamp.clockUncertaintyMicros());
        assertEquals(1200, stamp.sendDelayMicros());
    }

    @Test
    void shouldSayWhenAFrameWasNeverPlacedOnTheRobotsClockAndSaturateLongDelays() {
        final MemorySegment file = arena.allocate(SlotRingDescriptor.fileLength(3, 4800), 4096);
        ring.wrap(file).writeHeader(RingKind.THUMBNAIL, THUMBNAIL, 3, 4800);
        ring.describe(0, new FrameStamp().set(7, 1, 1000, 640, 480), THUMBNAIL.id(), 4800);
        ring.describe(2, new FrameStamp().set(7, 2, 1000, 640, 480).clock(9, 1_000_000, 70_000), THUMBNAIL.id(), 1);

        assertEquals(false, ring.readFrame(0, new FrameStamp()).hasClock());
        assertEquals(-1, ring.clockUncertaintyMicros(0));
        assertEquals(0xFFFF - 1, ring.clockUncertaintyMicros(2));
        assertEquals(0xFFFF, ring.sendDelayMicros(2));
    }

    @Test
    void shouldHandOutPayloadViewsAtTheLayoutsOffsets() {
        ring.wrap(sample());

        ring.payload(2).set(ValueLayout.JAVA_BYTE, 0, (byte)0x5A);

        assertEquals(4800, ring.payload(2).byteSize());
        assertEquals((byte)0x5A, ring.segment().get(ValueLayout.JAVA_BYTE, SlotRingDescriptor.payloadOffset(2, 3,
            4800)));
    }

    @Test
    void shouldRejectFilesThatAreNotRingsOfThisKindNamingTheFile() {
        assertRejected(segment -> segment.set(ValueLayout.JAVA_BYTE, 0, (byte)0), "bad magic");
        assertRejected(segment -> segment.set(ValueLayout.JAVA_INT, 8, 2), "layout version 2");
        assertRejected(segment -> segment.set(ValueLayout.JAVA_INT, 12, 1), "holds TENSOR slots, expected THUMBNAIL");
        assertRejected(segment -> segment.set(ValueLayout.JAVA_INT, 40, 0), "impossible geometry");
        assertRejected(segment -> segment.set(ValueLayout.JAVA_INT, 40, 4), "need 24576");
        assertRejected(segment -> segment.set(ValueLayout.JAVA_BYTE, 64 + 4, (byte)9), "binary input spec");

        final InvalidRingException truncated = assertThrows(InvalidRingException.class,
            () -> SlotRingFlyweight.validate(sample().asSlice(0, 100), FILE, RingKind.THUMBNAIL));
        assertTrue(truncated.getMessage().contains("shorter than a header"), truncated.getMessage());
    }

    @Test
    void shouldRejectRandomFilesOnlyWithItsOwnException() {
        final Random random = new Random(11);
        for (int round = 0; round < 5_000; round++) {
            final MemorySegment file = sample();
            for (int flips = 1 + random.nextInt(4); flips > 0; flips--) {
                file.set(ValueLayout.JAVA_BYTE, random.nextInt(SlotRingDescriptor.HEADER_LENGTH),
                    (byte)random.nextInt(256));
            }
            try {
                SlotRingFlyweight.validate(file.asSlice(0, random.nextInt(3) == 0
                    ? random.nextInt((int)file.byteSize()) : file.byteSize()), FILE, RingKind.THUMBNAIL);
            } catch (final InvalidRingException expected) {
                assertEquals(FILE, expected.file());
            }
        }
        assertDoesNotThrow(() -> SlotRingFlyweight.validate(sample(), FILE, RingKind.THUMBNAIL));
    }

    private void assertRejected(final java.util.function.Consumer<MemorySegment> damage, final String reason) {
        final MemorySegment file = sample();
        damage.accept(file);
        final InvalidRingException refused = assertThrows(InvalidRingException.class,
            () -> SlotRingFlyweight.validate(file, FILE, RingKind.THUMBNAIL));
        assertTrue(refused.getMessage().startsWith("slot ring " + FILE + ": "), refused.getMessage());
        assertTrue(refused.getMessage().contains(reason), refused.getMessage());
    }

    /** A three-slot thumbnail ring with slot 1 written once. */
    private MemorySegment sample() {
        final MemorySegment file = arena.allocate(SlotRingDescriptor.fileLength(3, 4800), 4096);
        ring.wrap(file).writeHeader(RingKind.THUMBNAIL, THUMBNAIL, 3, 4800);
        ring.wrap(file)
            .generationRelease(5)
            .writer(1234, 99)
            .headRelease(7)
            .slotLockRelease(1, 2)
            .describe(1, new FrameStamp().set(7, 42, 1000, 640, 480).frameReadyAtNanos(1500).writtenAtNanos(2000)
                    .clock(-250, 40, 1200),
                THUMBNAIL.id(), 4800);
        ring.incrementSignal();
        ring.incrementSignal();
        return file;
    }
}

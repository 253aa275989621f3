package io.saccade.protocol.frame;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FrameFragmentFlyweightTest {
    /** Header of {@link #sample}, written out by hand from the layout; the payload and tag follow it. */
    private static final String GOLDEN_HEADER =
        "5343"                 // magic 'S' 'C'
        + "01"                 // version
        + "01"                 // flags: relayed
        + "efbeadde"           // stream id 0xdeadbeef
        + "0807060504030201"   // frame seq 0x0102030405060708
        + "00ca9a3b00000000"   // capture time 1e9 ns
        + "e8030000"           // frame length 1000
        + "0400"               // fragment index 4
        + "0600"               // fragment count 6
        + "0400"               // data count 4
        + "02"                 // FEC groups 2
        + "07"                 // key id 7
        + "fa00"               // payload length 250
        + "3930";              // send delay 12345 us

    private final FrameFragmentFlyweight fragment = new FrameFragmentFlyweight();

    @Test
    void shouldWriteTheGoldenHeaderBytes() {
        final ByteBuffer buffer = sample(0);

        assertEquals(GOLDEN_HEADER, HexFormat.of().formatHex(buffer.array(), 0, FrameFragmentDescriptor.HEADER_LENGTH));
    }

    @Test
    void shouldReadBackEveryFieldOfTheGoldenBytes() {
        final ByteBuffer buffer = ByteBuffer.allocate(FrameFragmentDescriptor.datagramLength(250));
        buffer.put(0, HexFormat.of().parseHex(GOLDEN_HEADER));

        fragment.wrap(buffer, 0, buffer.capacity());

        assertEquals(FragmentVerdict.VALID, fragment.verify());
        assertTrue(fragment.isRelayed());
        assertEquals(0xDEADBEEFL, fragment.streamId());
        assertEquals(0x0102030405060708L, fragment.frameSeq());
        assertEquals(1_000_000_000L, fragment.captureTimeNanos());
        assertEquals(1000, fragment.frameLength());
        assertEquals(4, fragment.fragmentIndex());
        assertEquals(6, fragment.fragmentCount());
        assertEquals(4, fragment.dataCount());
        assertEquals(2, fragment.fecGroupCount());
        assertEquals(7, fragment.keyId());
        assertEquals(250, fragment.payloadLength());
        assertEquals(12345, fragment.sendDelayMicros());
        assertTrue(fragment.isParity());
        assertEquals(40, fragment.payloadOffset());
        assertEquals(290, fragment.tagOffset());
    }

    @Test
    void shouldWorkAtAnOffsetInsideALargerBuffer() {
        final ByteBuffer buffer = sample(100);

        fragment.wrap(buffer, 100, FrameFragmentDescriptor.datagramLength(250));

        assertEquals(FragmentVerdict.VALID, fragment.verify());
        assertEquals(0x0102030405060708L, fragment.frameSeq());
        assertEquals(140, fragment.payloadOffset());
    }

    @Test
    void shouldSaturateTheSendDelay() {
        final ByteBuffer buffer = ByteBuffer.allocate(64);

        assertEquals(0xFFFF, fragment.wrap(buffer, 0, 64).sendDelayMicros(1_000_000).sendDelayMicros());
        assertEquals(0, fragment.sendDelayMicros(-5).sendDelayMicros());
    }

    @Test
    void shouldRejectEachKindOfBrokenHeader() {
        assertEquals(FragmentVerdict.TRUNCATED, verdictOf(sample(0), 0, 55));
        assertEquals(FragmentVerdict.BAD_MAGIC, verdictAfter(buffer -> buffer.put(0, (byte)'X')));
        assertEquals(FragmentVerdict.UNSUPPORTED_VERSION, verdictAfter(buffer -> buffer.put(2, (byte)2)));
        assertEquals(FragmentVerdict.UNKNOWN_FLAGS, verdictAfter(buffer -> buffer.put(3, (byte)0x80)));
        assertEquals(FragmentVerdict.LENGTH_MISMATCH, verdictOf(sample(0), 0, FrameFragmentDescriptor.datagramLength(
            249)));
    }

    @Test
    void shouldRejectImpossibleGeometry() {
        assertEquals(FragmentVerdict.BAD_GEOMETRY, verdictAfter(buffer -> fragment.fragmentIndex(6)));
        assertEquals(FragmentVerdict.BAD_GEOMETRY, verdictAfter(buffer -> fragment.dataCount(0)));
        assertEquals(FragmentVerdict.BAD_GEOMETRY, verdictAfter(buffer -> fragment.dataCount(7)));
        assertEquals(FragmentVerdict.BAD_GEOMETRY, verdictAfter(buffer -> fragment.fecGroupCount(0)));
        assertEquals(FragmentVerdict.BAD_GEOMETRY, verdictAfter(buffer -> fragment.fecGroupCount(5)));
        assertEquals(FragmentVerdict.BAD_GEOMETRY, verdictAfter(buffer -> fragment.frameLength(750)), "fits 3 shards");
        assertEquals(FragmentVerdict.BAD_GEOMETRY, verdictAfter(buffer -> fragment.frameLength(1001)));
        assertEquals(FragmentVerdict.BAD_GEOMETRY, verdictAfter(buffer -> fragment.fragmentCount(300)
            .dataCount(4).fecGroupCount(1)), "one code word of 300 shards exceeds GF(256)");
    }

    @Test
    void shouldAcceptTheLargestCodeWord() {
        assertEquals(FragmentVerdict.VALID, verdictAfter(buffer -> fragment.fragmentCount(255).fecGroupCount(1)));
    }

    @Test
    void shouldClassifyRandomBytesWithoutThrowing() {
        final Random random = new Random(42);
        final byte[] bytes = new byte[1500];
        int valid = 0;
        for (int round = 0; round < 50_000; round++) {
            random.nextBytes(bytes);
            final int length = random.nextInt(bytes.length + 1);
            final FragmentVerdict verdict = verdictOf(ByteBuffer.wrap(bytes), 0, length);
            assertNotNull(verdict);
            valid += verdict == FragmentVerdict.VALID ? 1 : 0;
        }
        assertEquals(0, valid, "random bytes never carry the magic, version and a consistent geometry");
    }

    @Test
    void shouldClassifyMutatedFragmentsWithoutThrowingAndKeepInvariantsWhenValid() {
        final Random random = new Random(7);
        int valid = 0;
        int rejected = 0;
        for (int round = 0; round < 50_000; round++) {
            final ByteBuffer buffer = sample(0);
            for (int flips = 1 + random.nextInt(3); flips > 0; flips--) {
                buffer.put(random.nextInt(FrameFragmentDescriptor.HEADER_LENGTH), (byte)random.nextInt(256));
            }
            final int length = random.nextBoolean() ? buffer.capacity() : random.nextInt(buffer.capacity() + 1);
            if (verdictOf(buffer, 0, length) == FragmentVerdict.VALID) {
                valid++;
                assertTrue(fragment.fragmentIndex() < fragment.fragmentCount());
                assertTrue(fragment.dataCount() >= 1 && fragment.dataCount() <= fragment.fragmentCount());
                assertTrue(fragment.fecGroupCount() >= 1 && fragment.fecGroupCount() <= fragment.dataCount());
                assertTrue(fragment.tagOffset() + FrameFragmentDescriptor.TAG_LENGTH == length);
            } else {
                rejected++;
            }
        }
        assertTrue(valid > 0 && rejected > 0, "mutations must exercise both outcomes: " + valid + "/" + rejected);
    }

    @Test
    void shouldNotTouchTheBuffersPositionOrLimit() {
        final ByteBuffer buffer = sample(0);
        buffer.position(3).limit(buffer.capacity() - 1);

        fragment.wrap(buffer, 0, buffer.capacity() - 1).verify();
        fragment.frameSeq(9).frameSeq();

        assertEquals(3, buffer.position());
        assertEquals(buffer.capacity() - 1, buffer.limit());
    }

    private FragmentVerdict verdictOf(final ByteBuffer buffer, final int offset, final int length) {
        return fragment.wrap(buffer, offset, length).verify();
    }

    private FragmentVerdict verdictAfter(final java.util.function.Consumer<ByteBuffer> damage) {
        final ByteBuffer buffer = sample(0);
        fragment.wrap(buffer, 0, buffer.capacity());
        damage.accept(buffer);
        return fragment.verify();
    }

    /** A parity fragment (index 4 of 4 data + 2 parity over 2 groups) of a 1000-byte frame, 250-byte shards. */
    private ByteBuffer sample(final int offset) {
        final ByteBuffer buffer = ByteBuffer.allocate(offset + FrameFragmentDescriptor.datagramLength(250));
        fragment.wrap(buffer, offset, FrameFragmentDescriptor.datagramLength(250))
            .writePreamble()
            .flags(FrameFragmentDescriptor.FLAG_RELAYED)
            .streamId(0xDEADBEEFL)
            .frameSeq(0x0102030405060708L)
            .captureTimeNanos(1_000_000_000L)
            .frameLength(1000)
            .fragmentIndex(4)
            .fragmentCount(6)
            .dataCount(4)
            .fecGroupCount(2)
            .keyId(7)
            .payloadLength(250)
            .sendDelayMicros(12345);
        return buffer;
    }
}

package io.saccade.protocol.decision;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.saccade.protocol.auth.MacKey;
import io.saccade.protocol.auth.MessageAuthenticator;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DecisionDatagramTest {
    /** The header of {@link #sample()}, written out by hand from the layout. */
    private static final String GOLDEN_HEADER =
        "53444543"             // magic "SDEC"
        + "01"                 // version
        + "07"                 // key id 7
        + "0000"               // reserved
        + "efbeadde"           // stream id 0xdeadbeef
        + "02000000"           // payload length 2
        + "0807060504030201"   // frame seq 0x0102030405060708
        + "0900000000000000";  // epoch 9

    private static final byte[] SECRET = new byte[32];

    private final DecisionDatagram datagram = new DecisionDatagram(authenticator(7, SECRET));

    @Test
    void shouldWriteTheGoldenHeaderFollowedByThePayloadAndTag() {
        final ByteBuffer out = sample();

        final String hex = HexFormat.of().formatHex(out.array(), 0, out.limit());
        assertEquals(GOLDEN_HEADER + "7b7d", hex.substring(0, 2 * (DecisionDatagram.HEADER_LENGTH + 2)));
        assertEquals(DecisionDatagram.datagramLength(2), out.limit());
        assertEquals(0, out.position());
    }

    @Test
    void shouldVerifyAndReadBackEveryField() {
        final ByteBuffer in = sample();

        assertEquals(DatagramVerdict.VALID, datagram.verify(in));
        assertEquals(0xDEADBEEFL, DecisionDatagram.streamId(in));
        assertEquals(0x0102030405060708L, DecisionDatagram.frameSeq(in));
        assertEquals(9, DecisionDatagram.epoch(in));
        assertArrayEquals("{}".getBytes(StandardCharsets.UTF_8), DecisionDatagram.payload(in));
    }

    @Test
    void shouldReadADatagramThatDoesNotStartAtTheBufferStart() {
        final ByteBuffer sample = sample();
        final ByteBuffer shifted = ByteBuffer.allocate(sample.limit() + 5);
        shifted.position(5).put(sample).flip().position(5);

        assertEquals(DatagramVerdict.VALID, datagram.verify(shifted));
        assertEquals(0x0102030405060708L, DecisionDatagram.frameSeq(shifted));
        assertEquals(5, shifted.position());
    }

    @Test
    void shouldRefuseEveryFlippedBitAsForgedOrMalformed() {
        final ByteBuffer original = sample();
        for (int bit = 0; bit < original.limit() * 8; bit++) {
            final ByteBuffer copy = ByteBuffer.wrap(Arrays.copyOf(original.array(), original.limit()));
            copy.put(bit / 8, (byte)(copy.get(bit / 8) ^ 1 << bit % 8));

            assertNotEquals(DatagramVerdict.VALID, datagram.verify(copy), "bit " + bit);
        }
    }

    @Test
    void shouldRefuseADatagramSignedWithAnotherKey() {
        final byte[] other = new byte[32];
        other[0] = 1;
        final ByteBuffer forged = new DecisionDatagram(authenticator(7, other)).write(ByteBuffer.allocate(128), 1, 2,
            3, new byte[]{'{', '}'});

        assertEquals(DatagramVerdict.BAD_MAC, datagram.verify(forged));
    }

    @Test
    void shouldNameEachStructuralFault() {
        assertEquals(DatagramVerdict.TRUNCATED, datagram.verify(ByteBuffer.allocate(47)));
        final ByteBuffer otherKey = new DecisionDatagram(authenticator(8, SECRET)).write(ByteBuffer.allocate(128), 1,
            2, 3, new byte[2]);
        assertEquals(DatagramVerdict.UNKNOWN_KEY, datagram.verify(otherKey));
        final ByteBuffer longer = ByteBuffer.wrap(Arrays.copyOf(sample().array(), sample().limit() + 1));
        assertEquals(DatagramVerdict.LENGTH_MISMATCH, datagram.verify(longer));
        final ByteBuffer newer = sample();
        newer.put(ControlHeader.VERSION_OFFSET, (byte)2);
        assertEquals(DatagramVerdict.UNSUPPORTED_VERSION, datagram.verify(newer));
    }

    @Test
    void shouldRefuseAPayloadThatDoesNotFit() {
        assertThrows(IllegalArgumentException.class,
            () -> datagram.write(ByteBuffer.allocate(60), 1, 2, 3, new byte[20]));
    }

    @Test
    void shouldClassifyRandomBytesWithoutThrowing() {
        final Random random = new Random(11);
        final byte[] bytes = new byte[256];
        int valid = 0;
        for (int i = 0; i < 20_000; i++) {
            random.nextBytes(bytes);
            if (random.nextBoolean()) {
                ByteBuffer.wrap(bytes).putInt(0, Integer.reverseBytes(DecisionDatagram.MAGIC)).put(4, (byte)1)
                    .put(5, (byte)7);
            }
            final ByteBuffer in = ByteBuffer.wrap(bytes, 0, random.nextInt(bytes.length + 1));
            if (datagram.verify(in) == DatagramVerdict.VALID) {
                valid++;
            }
        }
        assertEquals(0, valid);
    }

    private ByteBuffer sample() {
        return datagram.write(ByteBuffer.allocate(256), 0xDEADBEEFL, 0x0102030405060708L, 9,
            "{}".getBytes(StandardCharsets.UTF_8));
    }

    private static MessageAuthenticator authenticator(final int keyId, final byte[] secret) {
        return new MessageAuthenticator(MacKey.of(keyId, secret));
    }
}

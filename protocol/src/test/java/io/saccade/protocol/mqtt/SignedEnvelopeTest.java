package io.saccade.protocol.mqtt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.saccade.protocol.auth.KeyRing;
import io.saccade.protocol.auth.MacKey;
import io.saccade.protocol.auth.MessageAuthenticator;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class SignedEnvelopeTest {
    private static final String TOPIC = "saccade/plans/ssd";
    /** {@link #sample()}, written out by hand from the layout. */
    private static final String GOLDEN =
        "53454e56"             // magic "SENV"
        + "01"                 // version
        + "07"                 // key id 7
        + "00"                 // flags: not a Will
        + "08"                 // sender length 8
        + "0807060504030201"   // counter 0x0102030405060708
        + "0000060504030201"   // session 0x0102030405060000
        + "6e6f64652d312f61"   // sender "node-1/a"
        + "7b7d"               // payload "{}"
        // HMAC-SHA256 with 32 zero bytes as key over 11 00 "saccade/plans/ssd" and the bytes above, first 16
        // bytes (openssl dgst -sha256 -mac HMAC -macopt hexkey:00..00)
        + "c7db4bbb5993b933a744545de29d3114";

    private final MessageAuthenticator authenticator = new MessageAuthenticator(MacKey.of(7, new byte[32]));

    @Test
    void shouldWriteTheGoldenBytes() {
        assertEquals(GOLDEN, HexFormat.of().formatHex(sample()));
    }

    @Test
    void shouldVerifyAndReadBackEveryField() {
        final byte[] envelope = sample();

        assertEquals(EnvelopeVerdict.VALID, SignedEnvelope.verify(authenticator, TOPIC, envelope));
        assertEquals(7, SignedEnvelope.keyId(envelope));
        assertEquals(0x0102030405060708L, SignedEnvelope.counter(envelope));
        assertEquals(0x0102030405060000L, SignedEnvelope.session(envelope));
        assertFalse(SignedEnvelope.isWill(envelope));
        assertEquals("node-1/a", SignedEnvelope.sender(envelope));
        assertEquals("{}", new String(envelope, SignedEnvelope.payloadOffset(envelope),
            SignedEnvelope.payloadLength(envelope), StandardCharsets.UTF_8));
    }

    @Test
    void shouldMarkAWill() {
        final byte[] will = SignedEnvelope.seal(authenticator, TOPIC, "node-1/a", 9, 9, true, new byte[0]);

        assertEquals(EnvelopeVerdict.VALID, SignedEnvelope.verify(authenticator, TOPIC, will));
        assertTrue(SignedEnvelope.isWill(will));
        assertEquals(0, SignedEnvelope.payloadLength(will));
    }

    @Test
    void shouldRefuseEveryFlippedBit() {
        final byte[] original = sample();
        for (int bit = 0; bit < original.length * 8; bit++) {
            final byte[] copy = original.clone();
            copy[bit / 8] ^= (byte)(1 << bit % 8);

            assertNotEquals(EnvelopeVerdict.VALID, SignedEnvelope.verify(authenticator, TOPIC, copy), "bit " + bit);
        }
    }

    @Test
    void shouldRefuseTheSameBytesOnAnotherTopic() {
        assertEquals(EnvelopeVerdict.BAD_MAC, SignedEnvelope.verify(authenticator, "saccade/plans/face", sample()));
    }

    @Test
    void shouldRefuseAnotherKeyAnUnknownKeyIdAndUnsignedJson() {
        final byte[] other = new byte[32];
        other[31] = 1;
        final byte[] forged = SignedEnvelope.seal(new MessageAuthenticator(MacKey.of(7, other)), TOPIC, "node-1/a",
            5, 0, false, "{}".getBytes(StandardCharsets.UTF_8));
        final byte[] unknown = SignedEnvelope.seal(new MessageAuthenticator(MacKey.of(8, other)), TOPIC, "node-1/a",
            5, 0, false, "{}".getBytes(StandardCharsets.UTF_8));

        assertEquals(EnvelopeVerdict.BAD_MAC, SignedEnvelope.verify(authenticator, TOPIC, forged));
        assertEquals(EnvelopeVerdict.UNKNOWN_KEY, SignedEnvelope.verify(authenticator, TOPIC, unknown));
        assertEquals(EnvelopeVerdict.BAD_MAGIC, SignedEnvelope.verify(authenticator, TOPIC,
            "{\"version\":1,\"model\":\"ssd\",\"nodes\":[]}".getBytes(StandardCharsets.UTF_8)));
        assertEquals(EnvelopeVerdict.TRUNCATED, SignedEnvelope.verify(authenticator, TOPIC,
            "{}".getBytes(StandardCharsets.UTF_8)));
        assertEquals(EnvelopeVerdict.TRUNCATED, SignedEnvelope.verify(authenticator, TOPIC, new byte[3]));
    }

    @Test
    void shouldAcceptEitherKeyOfARingBeingRolled() {
        final MacKey next = MacKey.of(9, "another-key-0123456789abcdef-0123".getBytes(StandardCharsets.US_ASCII));
        final byte[] signedWithNext = SignedEnvelope.seal(new MessageAuthenticator(next), TOPIC, "node-2/b", 3, 0,
            false, new byte[] {'{', '}'});
        final MessageAuthenticator rolling = new MessageAuthenticator(KeyRing.of(MacKey.of(7, new byte[32]), next));

        assertEquals(EnvelopeVerdict.VALID, SignedEnvelope.verify(rolling, TOPIC, sample()));
        assertEquals(EnvelopeVerdict.VALID, SignedEnvelope.verify(rolling, TOPIC, signedWithNext));
    }

    @Test
    void shouldRefuseMalformedHeadersBeforeTheTag() {
        assertEquals(EnvelopeVerdict.UNSUPPORTED_VERSION, SignedEnvelope.check(with(sample(), 4, 2)));
        assertEquals(EnvelopeVerdict.BAD_FLAGS, SignedEnvelope.check(with(sample(), 6, 2)));
        assertEquals(EnvelopeVerdict.TRUNCATED, SignedEnvelope.check(with(sample(), 7, 200)));
        assertEquals(EnvelopeVerdict.BAD_SENDER, SignedEnvelope.check(with(sample(), 7, 0)));
        assertEquals(EnvelopeVerdict.BAD_SENDER, SignedEnvelope.check(with(sample(), 24, ' ')));
        final byte[] sessionAfterCounter = sample();
        sessionAfterCounter[23] = 2;
        assertEquals(EnvelopeVerdict.BAD_COUNTER, SignedEnvelope.check(sessionAfterCounter));
        final byte[] negative = sample();
        negative[15] = (byte)0x81;
        assertEquals(EnvelopeVerdict.BAD_COUNTER, SignedEnvelope.check(negative));
        assertEquals(EnvelopeVerdict.TRUNCATED, SignedEnvelope.check(Arrays.copyOf(sample(), 40)));
    }

    @Test
    void shouldRefuseToSealWithABadSenderOrCounter() {
        final byte[] payload = new byte[2];
        assertThrows(IllegalArgumentException.class,
            () -> SignedEnvelope.seal(authenticator, TOPIC, "node 1", 1, 0, false, payload));
        assertThrows(IllegalArgumentException.class,
            () -> SignedEnvelope.seal(authenticator, TOPIC, "", 1, 0, false, payload));
        assertThrows(IllegalArgumentException.class,
            () -> SignedEnvelope.seal(authenticator, TOPIC, "x".repeat(256), 1, 0, false, payload));
        assertThrows(IllegalArgumentException.class,
            () -> SignedEnvelope.seal(authenticator, TOPIC, "n", 0, 0, false, payload));
        assertThrows(IllegalArgumentException.class,
            () -> SignedEnvelope.seal(authenticator, TOPIC, "n", 5, 6, false, payload));
    }

    @Test
    void shouldRoundTripASenderIdOfTheLongestLength() {
        final String sender = "n".repeat(SignedEnvelope.MAX_SENDER_LENGTH);
        final byte[] envelope = SignedEnvelope.seal(authenticator, TOPIC, sender, 1, 0, false, new byte[] {1, 2});

        assertEquals(EnvelopeVerdict.VALID, SignedEnvelope.verify(authenticator, TOPIC, envelope));
        assertEquals(sender, SignedEnvelope.sender(envelope));
        assertArrayEquals(new byte[] {1, 2}, Arrays.copyOfRange(envelope, SignedEnvelope.payloadOffset(envelope),
            SignedEnvelope.payloadOffset(envelope) + SignedEnvelope.payloadLength(envelope)));
    }

    private byte[] sample() {
        return SignedEnvelope.seal(authenticator, TOPIC, "node-1/a", 0x0102030405060708L, 0x0102030405060000L, false,
            "{}".getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] with(final byte[] envelope, final int offset, final int value) {
        envelope[offset] = (byte)value;
        return envelope;
    }
}

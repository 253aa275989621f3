package io.saccade.protocol.clock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.saccade.protocol.auth.MacKey;
import io.saccade.protocol.auth.MessageAuthenticator;
import io.saccade.protocol.decision.DatagramVerdict;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class ClockProbeTest {
    /** A request for stream 0xdeadbeef sent at node time 0x0102030405060708, written out by hand. */
    private static final String GOLDEN_REQUEST =
        "53505251"             // magic "SPRQ"
        + "01"                 // version
        + "07"                 // key id 7
        + "0000"               // reserved
        + "efbeadde"           // stream id
        + "00000000"           // reserved
        + "0807060504030201"   // origin
        + "0000000000000000"   // robot receive: none yet
        + "0000000000000000";  // robot transmit: none yet

    private final ClockProbe node = new ClockProbe(authenticator(7, (byte)1));
    private final ClockProbe robot = new ClockProbe(authenticator(7, (byte)1));

    @Test
    void shouldWriteTheGoldenRequestFollowedByItsTag() {
        final ByteBuffer request = node.writeRequest(ByteBuffer.allocate(64), 0xdeadbeefL, 0x0102030405060708L);

        assertEquals(ClockProbe.LENGTH, request.remaining());
        assertEquals(GOLDEN_REQUEST, HexFormat.of().formatHex(request.array(), 0, ClockProbe.TAG_OFFSET));
        assertEquals(DatagramVerdict.VALID, robot.verify(request, ClockProbe.REQUEST));
    }

    @Test
    void shouldCarryTheOriginBackWithTheRobotsStamps() {
        final ByteBuffer request = node.writeRequest(ByteBuffer.allocate(64), 5, 1_000);
        final ByteBuffer reply = robot.writeReply(ByteBuffer.allocate(64), request, 70_000, 70_050);

        assertEquals(DatagramVerdict.VALID, node.verify(reply, ClockProbe.REPLY));
        assertEquals(5, ClockProbe.streamId(reply));
        assertEquals(1_000, ClockProbe.originNanos(reply));
        assertEquals(70_000, ClockProbe.receiveNanos(reply));
        assertEquals(70_050, ClockProbe.transmitNanos(reply));
    }

    @Test
    void shouldRefuseARequestWhereAReplyIsExpectedAndTheOtherWayRound() {
        final ByteBuffer request = node.writeRequest(ByteBuffer.allocate(64), 5, 1_000);
        final ByteBuffer reply = robot.writeReply(ByteBuffer.allocate(64), request, 2, 3);

        assertEquals(DatagramVerdict.BAD_MAGIC, node.verify(request, ClockProbe.REPLY));
        assertEquals(DatagramVerdict.BAD_MAGIC, robot.verify(reply, ClockProbe.REQUEST));
    }

    @Test
    void shouldRefuseTamperedTruncatedAndForeignProbes() {
        final ByteBuffer reply = robot.writeReply(ByteBuffer.allocate(64),
            node.writeRequest(ByteBuffer.allocate(64), 5, 1_000), 2, 3);

        reply.put(ClockProbe.RECEIVE_OFFSET, (byte)9);
        assertEquals(DatagramVerdict.BAD_MAC, node.verify(reply, ClockProbe.REPLY));
        assertEquals(DatagramVerdict.TRUNCATED, node.verify(reply.duplicate().limit(40), ClockProbe.REPLY));
        assertEquals(DatagramVerdict.LENGTH_MISMATCH,
            node.verify(ByteBuffer.allocate(ClockProbe.LENGTH + 1), ClockProbe.REPLY));
        final ByteBuffer otherKey = new ClockProbe(authenticator(8, (byte)1))
            .writeRequest(ByteBuffer.allocate(64), 5, 1_000);
        assertEquals(DatagramVerdict.UNKNOWN_KEY, robot.verify(otherKey, ClockProbe.REQUEST));
        final ByteBuffer otherSecret = new ClockProbe(authenticator(7, (byte)2))
            .writeRequest(ByteBuffer.allocate(64), 5, 1_000);
        assertEquals(DatagramVerdict.BAD_MAC, robot.verify(otherSecret, ClockProbe.REQUEST));
    }

    @Test
    void shouldTellProbesFromFrameFragmentsByTheirFirstTwoBytes() {
        assertTrue(ClockProbe.looksLikeProbe(node.writeRequest(ByteBuffer.allocate(64), 1, 1), 0));
        assertFalse(ClockProbe.looksLikeProbe(ByteBuffer.wrap(new byte[] {'S', 'C', 1, 0}), 0));
        assertFalse(ClockProbe.looksLikeProbe(ByteBuffer.wrap(new byte[] {'S'}), 0));
    }

    private static MessageAuthenticator authenticator(final int keyId, final byte fill) {
        final byte[] secret = new byte[MacKey.MIN_BYTES];
        java.util.Arrays.fill(secret, fill);
        return new MessageAuthenticator(MacKey.of(keyId, secret));
    }
}

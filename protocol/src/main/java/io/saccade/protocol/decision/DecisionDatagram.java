package io.saccade.protocol.decision;

import io.saccade.protocol.auth.MessageAuthenticator;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The decision datagram (spec: {@code protocol/spec/decision-datagram.md}): a 32-byte header that repeats the
 * fields a receiver fences on, the decision's JSON (the same bytes as on MQTT), and a truncated HMAC-SHA256 tag over
 * both. The header lets the robot drop a stale or replayed decision after the tag check and before any parsing.
 * <pre>
 *   0  magic "SDEC" (u32)    4  version (u8)   5  key id (u8)   6  reserved, zero (u16)
 *   8  stream id (u32)      12  payload length (u32)
 *  16  frame seq (u64)      24  leader epoch (u64)
 *  32  payload (JSON)       32 + length: tag (16 bytes)
 * </pre>
 * Stateless apart from the authenticator it is given; one instance per thread.
 */
public final class DecisionDatagram {
    /** "SDEC" as a little-endian u32. */
    public static final int MAGIC = 'S' | 'D' << 8 | 'E' << 16 | 'C' << 24;
    /** The layout version this build writes and reads. */
    public static final int VERSION = 1;
    /** Bytes before the payload. */
    public static final int HEADER_LENGTH = 32;
    /** Longest payload: what fits one UDP datagram over IPv4 with the header and tag. */
    public static final int MAX_PAYLOAD_LENGTH = 65_507 - HEADER_LENGTH - MessageAuthenticator.TAG_LENGTH;

    static final int LENGTH_OFFSET = ControlHeader.STREAM_OFFSET + 4;

    private static final VarHandle U32 = MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    private final MessageAuthenticator authenticator;

    /**
     * @param authenticator signs outgoing and checks incoming datagrams.
     */
    public DecisionDatagram(final MessageAuthenticator authenticator) {
        this.authenticator = authenticator;
    }

    /**
     * @param payloadLength bytes of JSON.
     * @return the datagram's length.
     */
    public static int datagramLength(final int payloadLength) {
        return HEADER_LENGTH + payloadLength + MessageAuthenticator.TAG_LENGTH;
    }

    /**
     * Writes a signed datagram at the start of {@code out}, setting its position to 0 and its limit to the end.
     *
     * @param out      at least {@link #datagramLength} bytes of capacity.
     * @param streamId the decision's stream.
     * @param frameSeq the decided frame.
     * @param epoch    the deciding leader's epoch.
     * @param payload  the decision's JSON.
     * @return {@code out}, ready to send.
     * @throws IllegalArgumentException when the payload is too long or does not fit.
     */
    public ByteBuffer write(final ByteBuffer out, final long streamId, final long frameSeq, final long epoch,
                            final byte[] payload) {
        if (payload.length > MAX_PAYLOAD_LENGTH || out.capacity() < datagramLength(payload.length)) {
            throw new IllegalArgumentException("a decision of " + payload.length + " bytes does not fit a datagram of "
                + Math.min(out.capacity(), MAX_PAYLOAD_LENGTH + HEADER_LENGTH + MessageAuthenticator.TAG_LENGTH)
                + " bytes");
        }
        final int tagOffset = HEADER_LENGTH + payload.length;
        out.clear().limit(tagOffset + MessageAuthenticator.TAG_LENGTH);
        ControlHeader.write(out, MAGIC, VERSION, authenticator, streamId);
        U32.set(out, LENGTH_OFFSET, payload.length);
        ControlHeader.writeDecided(out, frameSeq, epoch);
        out.put(HEADER_LENGTH, payload);
        authenticator.sign(out, 0, tagOffset);
        return out;
    }

    /**
     * Checks a received datagram, reading only between its position and limit, tag last.
     *
     * @param in the datagram; its position and limit are kept.
     * @return {@link DatagramVerdict#VALID}, or why not.
     */
    public DatagramVerdict verify(final ByteBuffer in) {
        final int base = in.position();
        final int length = in.remaining();
        if (length < HEADER_LENGTH + MessageAuthenticator.TAG_LENGTH) {
            return DatagramVerdict.TRUNCATED;
        }
        final DatagramVerdict header = ControlHeader.check(in, MAGIC, VERSION, authenticator);
        if (header != DatagramVerdict.VALID) {
            return header;
        }
        final long payloadLength = Integer.toUnsignedLong((int)U32.get(in, base + LENGTH_OFFSET));
        if (payloadLength != length - HEADER_LENGTH - MessageAuthenticator.TAG_LENGTH) {
            return DatagramVerdict.LENGTH_MISMATCH;
        }
        final int tagOffset = base + HEADER_LENGTH + (int)payloadLength;
        return authenticator.verify(in, base, tagOffset, ControlHeader.keyId(in)) ? DatagramVerdict.VALID
            : DatagramVerdict.BAD_MAC;
    }

    /**
     * @param in a verified datagram, from its position.
     * @return its stream id.
     */
    public static long streamId(final ByteBuffer in) {
        return ControlHeader.streamId(in);
    }

    /**
     * @param in a verified datagram, from its position.
     * @return the decided frame's sequence number.
     */
    public static long frameSeq(final ByteBuffer in) {
        return ControlHeader.frameSeq(in);
    }

    /**
     * @param in a verified datagram, from its position.
     * @return the deciding leader's epoch.
     */
    public static long epoch(final ByteBuffer in) {
        return ControlHeader.epoch(in);
    }

    /**
     * @param in a verified datagram, from its position.
     * @return a copy of its JSON payload.
     */
    public static byte[] payload(final ByteBuffer in) {
        final byte[] payload = new byte[(int)Integer.toUnsignedLong((int)U32.get(in, in.position() + LENGTH_OFFSET))];
        in.get(in.position() + HEADER_LENGTH, payload);
        return payload;
    }
}

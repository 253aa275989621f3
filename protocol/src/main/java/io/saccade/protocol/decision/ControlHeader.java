package io.saccade.protocol.decision;

import io.saccade.protocol.auth.MessageAuthenticator;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The first eight bytes every signed control datagram (decision, receipt, clock probe) starts with, and the fields
 * they share after it:
 * <pre>
 *   0  magic (u32)   4  version (u8)   5  key id (u8)   6  reserved, zero (u16)
 *   8  stream id (u32)                                     every control datagram
 *  16  frame seq (u64)   24  leader's epoch (u64)          decisions and receipts
 * </pre>
 * Written and read here once, so that the three datagrams cannot drift apart.
 */
public final class ControlHeader {
    static final int VERSION_OFFSET = 4;
    static final int KEY_ID_OFFSET = 5;
    /** Where the stream id (u32) is, in every control datagram. */
    public static final int STREAM_OFFSET = 8;
    static final int FRAME_SEQ_OFFSET = 16;
    static final int EPOCH_OFFSET = 24;

    private static final VarHandle U32 = MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle U64 = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private ControlHeader() {
    }

    /**
     * @param out           where, at offset 0.
     * @param magic         the datagram's magic.
     * @param version       its layout version.
     * @param authenticator whose key id to record.
     * @param streamId      the stream the datagram is about.
     */
    public static void write(final ByteBuffer out, final int magic, final int version,
                             final MessageAuthenticator authenticator, final long streamId) {
        U32.set(out, 0, magic);
        out.put(VERSION_OFFSET, (byte)version);
        out.put(KEY_ID_OFFSET, (byte)authenticator.keyId());
        out.putShort(KEY_ID_OFFSET + 1, (short)0);
        U32.set(out, STREAM_OFFSET, (int)streamId);
    }

    /**
     * Checks a control datagram of fixed length (receipt, clock probe): length, header, then the tag, which ends it.
     *
     * @param in            the datagram, from its position; position and limit are kept.
     * @param magic         the magic expected.
     * @param version       the version this build reads.
     * @param length        the datagram's length, tag included.
     * @param authenticator whose key id and tag must match.
     * @return {@link DatagramVerdict#VALID}, or why not.
     */
    public static DatagramVerdict verifyFixed(final ByteBuffer in, final int magic, final int version,
                                              final int length, final MessageAuthenticator authenticator) {
        final int base = in.position();
        if (in.remaining() != length) {
            return in.remaining() < length ? DatagramVerdict.TRUNCATED : DatagramVerdict.LENGTH_MISMATCH;
        }
        final DatagramVerdict header = check(in, magic, version, authenticator);
        if (header != DatagramVerdict.VALID) {
            return header;
        }
        return authenticator.verify(in, base, base + length - MessageAuthenticator.TAG_LENGTH, keyId(in))
            ? DatagramVerdict.VALID : DatagramVerdict.BAD_MAC;
    }

    /**
     * Checks magic, version and key id (one the authenticator holds); the caller checks lengths before and the tag
     * after.
     *
     * @param in            the datagram, from its position; position and limit are kept.
     * @param magic         the magic expected.
     * @param version       the version this build reads.
     * @param authenticator whose key id must match.
     * @return {@link DatagramVerdict#VALID}, or why not.
     */
    public static DatagramVerdict check(final ByteBuffer in, final int magic, final int version,
                                        final MessageAuthenticator authenticator) {
        final int base = in.position();
        if ((int)U32.get(in, base) != magic) {
            return DatagramVerdict.BAD_MAGIC;
        }
        if (in.get(base + VERSION_OFFSET) != version) {
            return DatagramVerdict.UNSUPPORTED_VERSION;
        }
        if (!authenticator.accepts(keyId(in))) {
            return DatagramVerdict.UNKNOWN_KEY;
        }
        return DatagramVerdict.VALID;
    }

    /**
     * Writes the decided frame and the leader's epoch of a decision or a receipt.
     *
     * @param out      where, at offset 0.
     * @param frameSeq the decided frame.
     * @param epoch    the deciding leader's epoch.
     */
    static void writeDecided(final ByteBuffer out, final long frameSeq, final long epoch) {
        U64.set(out, FRAME_SEQ_OFFSET, frameSeq);
        U64.set(out, EPOCH_OFFSET, epoch);
    }

    /**
     * @param in a control datagram, from its position.
     * @return the id of the key it says it is signed with.
     */
    public static int keyId(final ByteBuffer in) {
        return Byte.toUnsignedInt(in.get(in.position() + KEY_ID_OFFSET));
    }

    /**
     * @param in a verified control datagram, from its position.
     * @return its stream id.
     */
    public static long streamId(final ByteBuffer in) {
        return Integer.toUnsignedLong((int)U32.get(in, in.position() + STREAM_OFFSET));
    }

    /**
     * @param in a verified decision or receipt, from its position.
     * @return the decided frame.
     */
    static long frameSeq(final ByteBuffer in) {
        return (long)U64.get(in, in.position() + FRAME_SEQ_OFFSET);
    }

    /**
     * @param in a verified decision or receipt, from its position.
     * @return the deciding leader's epoch.
     */
    static long epoch(final ByteBuffer in) {
        return (long)U64.get(in, in.position() + EPOCH_OFFSET);
    }
}

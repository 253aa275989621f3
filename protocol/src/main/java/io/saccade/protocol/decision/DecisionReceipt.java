package io.saccade.protocol.decision;

import io.saccade.protocol.auth.MessageAuthenticator;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The robot's receipt for a decision datagram (spec: {@code protocol/spec/decision-datagram.md}), sent back to the
 * address the decision came from: which decision arrived, and how long after its frame's capture, on the robot's own
 * clock (capture and arrival are both robot stamps, so this needs no clock offset). It closes the latency ledger's
 * last hop. Signed like the decision.
 * <pre>
 *   0  magic "SRCP" (u32)    4  version (u8)   5  key id (u8)   6  reserved, zero (u16)
 *   8  stream id (u32)      12  reserved, zero (u32)
 *  16  frame seq (u64)      24  leader epoch (u64)
 *  32  arrived after capture, us (i64)
 *  40  tag (16 bytes)
 * </pre>
 * Stateless apart from the authenticator it is given; one instance per thread.
 */
public final class DecisionReceipt {
    /** "SRCP" as a little-endian u32. */
    public static final int MAGIC = 'S' | 'R' << 8 | 'C' << 16 | 'P' << 24;
    /** The layout version this build writes and reads. */
    public static final int VERSION = 1;
    /** Length of every receipt. */
    public static final int LENGTH = 56;

    static final int STREAM_OFFSET = ControlHeader.STREAM_OFFSET;
    static final int ARRIVED_OFFSET = 32;
    static final int TAG_OFFSET = 40;

    private static final VarHandle U32 = MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle U64 = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final MessageAuthenticator authenticator;

    /**
     * @param authenticator signs outgoing and checks incoming receipts.
     */
    public DecisionReceipt(final MessageAuthenticator authenticator) {
        this.authenticator = authenticator;
    }

    /**
     * Writes a signed receipt at the start of {@code out}; position 0, limit {@link #LENGTH}.
     *
     * @param out                 at least {@link #LENGTH} bytes of capacity.
     * @param streamId            the decision's stream.
     * @param frameSeq            the decided frame.
     * @param epoch               the deciding leader's epoch.
     * @param arrivedAfterMicros  arrival, microseconds after the frame's capture, on the robot's clock.
     * @return {@code out}, ready to send.
     */
    public ByteBuffer write(final ByteBuffer out, final long streamId, final long frameSeq, final long epoch,
                            final long arrivedAfterMicros) {
        out.clear().limit(LENGTH);
        ControlHeader.write(out, MAGIC, VERSION, authenticator, streamId);
        U32.set(out, STREAM_OFFSET + 4, 0);
        ControlHeader.writeDecided(out, frameSeq, epoch);
        U64.set(out, ARRIVED_OFFSET, arrivedAfterMicros);
        authenticator.sign(out, 0, TAG_OFFSET);
        return out;
    }

    /**
     * Checks a received receipt between position and limit, tag last.
     *
     * @param in the datagram; position and limit are kept.
     * @return {@link DatagramVerdict#VALID}, or why not.
     */
    public DatagramVerdict verify(final ByteBuffer in) {
        return ControlHeader.verifyFixed(in, MAGIC, VERSION, LENGTH, authenticator);
    }

    /**
     * @param in a verified receipt, from its position.
     * @return its stream id.
     */
    public static long streamId(final ByteBuffer in) {
        return ControlHeader.streamId(in);
    }

    /**
     * @param in a verified receipt, from its position.
     * @return the decided frame.
     */
    public static long frameSeq(final ByteBuffer in) {
        return ControlHeader.frameSeq(in);
    }

    /**
     * @param in a verified receipt, from its position.
     * @return the deciding leader's epoch.
     */
    public static long epoch(final ByteBuffer in) {
        return ControlHeader.epoch(in);
    }

    /**
     * @param in a verified receipt, from its position.
     * @return arrival at the robot, microseconds after the frame's capture, on the robot's clock.
     */
    public static long arrivedAfterCaptureMicros(final ByteBuffer in) {
        return (long)U64.get(in, in.position() + ARRIVED_OFFSET);
    }
}

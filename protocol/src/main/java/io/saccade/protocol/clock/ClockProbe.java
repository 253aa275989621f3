package io.saccade.protocol.clock;

import io.saccade.protocol.auth.MessageAuthenticator;
import io.saccade.protocol.decision.ControlHeader;
import io.saccade.protocol.decision.DatagramVerdict;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The clock probe datagram (spec: {@code protocol/spec/clock-probe.md}): a node sends a request stamped with its
 * clock to the address the robot's frames come from; the robot answers on the same socket with the request's stamp
 * and its own receive and transmit times. Both directions are signed with the frame key, so nobody can skew a
 * node's idea of the robot's clock.
 * <pre>
 *   0  magic "SPRQ" / "SPRP" (u32)   4  version (u8)   5  key id (u8)   6  reserved, zero (u16)
 *   8  stream id (u32)              12  reserved, zero (u32)
 *  16  origin: node ns, request sent (i64)
 *  24  robot ns, request received (i64)    32  robot ns, reply sent (i64)     both zero in a request
 *  40  tag (16 bytes)
 * </pre>
 * Stateless apart from the authenticator it is given; one instance per thread.
 */
public final class ClockProbe {
    /** "SPRQ" as a little-endian u32: a request, node to robot. */
    public static final int REQUEST = 'S' | 'P' << 8 | 'R' << 16 | 'Q' << 24;
    /** "SPRP" as a little-endian u32: a reply, robot to node. */
    public static final int REPLY = 'S' | 'P' << 8 | 'R' << 16 | 'P' << 24;
    /** The layout version this build writes and reads. */
    public static final int VERSION = 1;
    /** Length of every probe datagram. */
    public static final int LENGTH = 56;

    static final int STREAM_OFFSET = ControlHeader.STREAM_OFFSET;
    static final int ORIGIN_OFFSET = 16;
    static final int RECEIVE_OFFSET = 24;
    static final int TRANSMIT_OFFSET = 32;
    static final int TAG_OFFSET = 40;

    private static final VarHandle U32 = MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle U64 = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final MessageAuthenticator authenticator;

    /**
     * @param authenticator signs outgoing and checks incoming probes.
     */
    public ClockProbe(final MessageAuthenticator authenticator) {
        this.authenticator = authenticator;
    }

    /**
     * @param in     a received datagram.
     * @param offset where it starts.
     * @return whether its first two bytes say it is a probe ("SP"), so it does not go to the frame checks.
     */
    public static boolean looksLikeProbe(final ByteBuffer in, final int offset) {
        return in.limit() - offset >= 2 && in.get(offset) == 'S' && in.get(offset + 1) == 'P';
    }

    /**
     * Writes a signed request at the start of {@code out}; position 0, limit {@link #LENGTH}.
     *
     * @param out         at least {@link #LENGTH} bytes of capacity.
     * @param streamId    the robot's stream.
     * @param originNanos now, on the node's monotonic clock.
     * @return {@code out}, ready to send.
     */
    public ByteBuffer writeRequest(final ByteBuffer out, final long streamId, final long originNanos) {
        return write(out, REQUEST, streamId, originNanos, 0, 0);
    }

    /**
     * Writes a signed reply to a verified request at the start of {@code out}; position 0, limit {@link #LENGTH}.
     *
     * @param out           at least {@link #LENGTH} bytes of capacity; may not be the request's buffer.
     * @param request       the verified request, from its position.
     * @param receiveNanos  when the request arrived, on the robot's monotonic clock.
     * @param transmitNanos now, on the robot's monotonic clock.
     * @return {@code out}, ready to send.
     */
    public ByteBuffer writeReply(final ByteBuffer out, final ByteBuffer request, final long receiveNanos,
                                 final long transmitNanos) {
        return write(out, REPLY, streamId(request), originNanos(request), receiveNanos, transmitNanos);
    }

    private ByteBuffer write(final ByteBuffer out, final int magic, final long streamId, final long origin,
                             final long receive, final long transmit) {
        out.clear().limit(LENGTH);
        ControlHeader.write(out, magic, VERSION, authenticator, streamId);
        U32.set(out, STREAM_OFFSET + 4, 0);
        U64.set(out, ORIGIN_OFFSET, origin);
        U64.set(out, RECEIVE_OFFSET, receive);
        U64.set(out, TRANSMIT_OFFSET, transmit);
        authenticator.sign(out, 0, TAG_OFFSET);
        return out;
    }

    /**
     * Checks a received probe between position and limit, tag last.
     *
     * @param in    the datagram; position and limit are kept.
     * @param magic {@link #REQUEST} or {@link #REPLY}: what the receiver expects.
     * @return {@link DatagramVerdict#VALID}, or why not.
     */
    public DatagramVerdict verify(final ByteBuffer in, final int magic) {
        return ControlHeader.verifyFixed(in, magic, VERSION, LENGTH, authenticator);
    }

    /**
     * @param in a verified probe, from its position.
     * @return its stream id.
     */
    public static long streamId(final ByteBuffer in) {
        return ControlHeader.streamId(in);
    }

    /**
     * @param in a verified probe, from its position.
     * @return when the node sent the request, on the node's clock.
     */
    public static long originNanos(final ByteBuffer in) {
        return (long)U64.get(in, in.position() + ORIGIN_OFFSET);
    }

    /**
     * @param in a verified reply, from its position.
     * @return when the robot received the request, on the robot's clock.
     */
    public static long receiveNanos(final ByteBuffer in) {
        return (long)U64.get(in, in.position() + RECEIVE_OFFSET);
    }

    /**
     * @param in a verified reply, from its position.
     * @return when the robot sent the reply, on the robot's clock.
     */
    public static long transmitNanos(final ByteBuffer in) {
        return (long)U64.get(in, in.position() + TRANSMIT_OFFSET);
    }
}

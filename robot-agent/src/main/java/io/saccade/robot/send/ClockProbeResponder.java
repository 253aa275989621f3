package io.saccade.robot.send;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DatagramPacket;
import io.saccade.protocol.auth.MessageAuthenticator;
import io.saccade.protocol.clock.ClockProbe;
import io.saccade.protocol.decision.DatagramVerdict;
import io.saccade.protocol.time.NanoClock;
import io.saccade.runtime.telemetry.EnumCounters;
import java.nio.ByteBuffer;

/**
 * Answers the nodes' clock probes (spec: {@code protocol/spec/clock-probe.md}) on the socket the frames leave
 * from, so the probes take the frames' path and pass whatever the frames pass. The arrival is stamped before
 * anything else and the departure just before the write, on the clock the capture times are on. Runs on the
 * socket's event loop; anything that is not a valid probe for this stream is counted and dropped.
 */
public final class ClockProbeResponder extends ChannelInboundHandlerAdapter {
    private final long streamId;
    private final ClockProbe probe;
    private final NanoClock clock;
    private final EnumCounters<ProbeEvent> events = new EnumCounters<>(ProbeEvent.class);

    /**
     * @param streamId      this robot's stream; probes for other streams are refused.
     * @param authenticator checks requests and signs replies.
     * @param clock         the robot's capture clock.
     */
    public ClockProbeResponder(final long streamId, final MessageAuthenticator authenticator, final NanoClock clock) {
        this.streamId = streamId;
        this.probe = new ClockProbe(authenticator);
        this.clock = clock;
    }

    @Override
    public void channelRead(final ChannelHandlerContext ctx, final Object message) {
        final long receivedAt = clock.nanoTime();
        final DatagramPacket packet = (DatagramPacket)message;
        try {
            final ByteBuf content = packet.content();
            final ByteBuffer request = content.nioBuffer(content.readerIndex(), content.readableBytes());
            if (probe.verify(request, ClockProbe.REQUEST) != DatagramVerdict.VALID
                || ClockProbe.streamId(request) != streamId) {
                events.increment(ProbeEvent.REFUSED);
                return;
            }
            final ByteBuf reply = ctx.alloc().directBuffer(ClockProbe.LENGTH);
            final ByteBuffer out = reply.internalNioBuffer(0, ClockProbe.LENGTH).slice();
            probe.writeReply(out, request, receivedAt, clock.nanoTime());
            reply.writerIndex(ClockProbe.LENGTH);
            ctx.writeAndFlush(new DatagramPacket(reply, packet.sender()), ctx.voidPromise());
            events.increment(ProbeEvent.ANSWERED);
        } finally {
            packet.release();
        }
    }

    /** @return probes answered and refused. */
    public EnumCounters<ProbeEvent> events() {
        return events;
    }
}

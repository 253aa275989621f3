package io.saccade.preprocess.ingress;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DatagramPacket;
import io.saccade.preprocess.reassembly.FrameReassembler;
import io.saccade.preprocess.relay.PeerRelay;
import io.saccade.protocol.time.NanoClock;
import io.saccade.runtime.telemetry.RateLimitedLog;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

/**
 * The Netty end of ingress: hands each datagram's bytes to {@link FragmentIngestion} without copying them, flushes
 * relayed copies once per read batch, and on timers expires stale frames in progress and probes the robots' clocks.
 */
final class IngressHandler extends ChannelInboundHandlerAdapter {
    private static final System.Logger LOG = System.getLogger(IngressHandler.class.getName());

    private final FragmentIngestion ingestion;
    private final FrameReassembler reassembler;
    private final PeerRelay relay;
    private final ClockSync clocks;
    private final NanoClock clock;
    private final long expiryPeriodNanos;
    private final RateLimitedLog failures;

    IngressHandler(final FragmentIngestion ingestion, final FrameReassembler reassembler, final PeerRelay relay,
                   final ClockSync clocks, final NanoClock clock, final long expiryPeriodNanos) {
        this.ingestion = ingestion;
        this.reassembler = reassembler;
        this.relay = relay;
        this.clocks = clocks;
        this.clock = clock;
        this.expiryPeriodNanos = expiryPeriodNanos;
        this.failures = new RateLimitedLog(LOG, clock, TimeUnit.SECONDS.toNanos(10));
    }

    @Override
    public void channelActive(final ChannelHandlerContext ctx) {
        relay.attach(ctx.channel());
        ctx.channel().eventLoop().scheduleAtFixedRate(() -> reassembler.expire(clock.nanoTime()),
            expiryPeriodNanos, expiryPeriodNanos, TimeUnit.NANOSECONDS);
        final Channel channel = ctx.channel();
        final ClockSync.ProbeSender sender = (datagram, to) -> {
            final ByteBuf copy = channel.alloc().directBuffer(datagram.remaining());
            copy.writeBytes(datagram);
            channel.write(new DatagramPacket(copy, to), channel.voidPromise());
        };
        channel.eventLoop().scheduleAtFixedRate(() -> {
            clocks.probe(sender, clock.nanoTime());
            channel.flush(); // one flush for every robot probed this round
        }, ClockSync.PERIOD_MILLIS, ClockSync.PERIOD_MILLIS, TimeUnit.MILLISECONDS);
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(final ChannelHandlerContext ctx, final Object message) {
        final DatagramPacket packet = (DatagramPacket)message;
        try {
            final ByteBuf content = packet.content();
            final int length = content.readableBytes();
            final ByteBuffer view = content.nioBufferCount() == 1
                ? content.internalNioBuffer(content.readerIndex(), length) : content.nioBuffer();
            ingestion.onDatagram(view, view.position(), length, packet.sender(), clock.nanoTime());
        } finally {
            packet.release();
        }
    }

    @Override
    public void channelReadComplete(final ChannelHandlerContext ctx) {
        ingestion.flush();
    }

    @Override
    public void exceptionCaught(final ChannelHandlerContext ctx, final Throwable cause) {
        failures.warn(() -> "ingress socket error: " + cause);
    }
}

package io.saccade.robot.send;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.socket.DatagramPacket;
import io.saccade.protocol.frame.FrameEncoder;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * Sends frames as authenticated, FEC-protected fragments to every ingress node. The fragments are built and signed
 * on the caller's thread; the channel's event loop only writes them, all of a frame in one flush (one
 * {@code sendmmsg} on epoll). A frame is skipped, never queued, while the socket cannot take more.
 */
public final class UdpFrameSender implements FramePort {
    private final Channel channel;
    private final List<InetSocketAddress> targets;
    private final FrameEncoder encoder;

    /**
     * @param channel a bound datagram channel.
     * @param targets the ingress nodes; each gets every fragment.
     * @param encoder cuts, protects and signs frames.
     */
    public UdpFrameSender(final Channel channel, final List<InetSocketAddress> targets, final FrameEncoder encoder) {
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("need at least one target to send frames to");
        }
        this.channel = channel;
        this.targets = List.copyOf(targets);
        this.encoder = encoder;
    }

    @Override
    public int send(final long streamId, final long frameSeq, final long captureTimeNanos,
                    final long sendDelayMicros, final byte[] jpeg, final int length) {
        if (!channel.isWritable()) {
            return 0;
        }
        final int fragments = encoder.begin(streamId, frameSeq, captureTimeNanos, sendDelayMicros, jpeg, length);
        final int count = fragments * targets.size();
        final DatagramPacket[] batch = new DatagramPacket[count];
        for (int index = 0; index < fragments; index++) {
            final ByteBuf datagram = channel.alloc().directBuffer(encoder.datagramLength());
            final ByteBuffer view = datagram.internalNioBuffer(0, encoder.datagramLength());
            datagram.writerIndex(encoder.write(index, view, view.position()));
            for (int target = 0; target < targets.size(); target++) {
                batch[index * targets.size() + target] = new DatagramPacket(
                    target == 0 ? datagram : datagram.retainedDuplicate(), targets.get(target));
            }
        }
        channel.eventLoop().execute(() -> writeAll(batch));
        return count;
    }

    private void writeAll(final DatagramPacket[] batch) {
        for (final DatagramPacket packet : batch) {
            channel.write(packet, channel.voidPromise());
        }
        channel.flush();
    }
}

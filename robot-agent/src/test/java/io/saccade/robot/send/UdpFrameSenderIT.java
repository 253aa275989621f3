package io.saccade.robot.send;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.ChannelInboundHandlerAdapter;
import io.saccade.protocol.auth.MacKey;
import io.saccade.protocol.auth.MessageAuthenticator;
import io.saccade.protocol.frame.FragmentVerdict;
import io.saccade.protocol.frame.FrameEncoder;
import io.saccade.protocol.frame.FrameFragmentFlyweight;
import io.saccade.runtime.net.UdpTransport;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The sender on a real Netty socket, received by plain sockets on 127.0.0.1 that check the wire contract. */
class UdpFrameSenderIT {
    private static final MacKey KEY = MacKey.of(4, new byte[32]);

    @Test
    void shouldSendEveryAuthenticatedFragmentToEveryTarget() throws Exception {
        final byte[] jpeg = new byte[40_000];
        new Random(1).nextBytes(jpeg);
        try (DatagramChannel first = receiver(); DatagramChannel second = receiver();
             UdpTransport transport = UdpTransport.bind(new InetSocketAddress("127.0.0.1", 0), 1500, 1 << 20,
                 new ChannelInboundHandlerAdapter(), "robot-udp")) {
            final UdpFrameSender sender = new UdpFrameSender(transport.channel(),
                List.of(address(first), address(second)),
                new FrameEncoder(1452, 0.2, 1 << 20, new MessageAuthenticator(KEY)));

            final int datagrams = sender.send(6, 99, 1_234, 700, jpeg, jpeg.length);

            assertEquals(2 * (29 + 6), datagrams, "40000 bytes in 1396-byte shards: 29 data + 6 parity, twice");
            assertArrayEquals(jpeg, reassembleData(receiveAll(first, 35)));
            assertArrayEquals(jpeg, reassembleData(receiveAll(second, 35)));
        }
    }

    private static DatagramChannel receiver() throws Exception {
        return DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
    }

    private static InetSocketAddress address(final DatagramChannel channel) throws Exception {
        return (InetSocketAddress)channel.getLocalAddress();
    }

    private static List<ByteBuffer> receiveAll(final DatagramChannel channel, final int count) throws Exception {
        final List<ByteBuffer> received = new ArrayList<>();
        final MessageAuthenticator authenticator = new MessageAuthenticator(KEY);
        final FrameFragmentFlyweight fragment = new FrameFragmentFlyweight();
        channel.socket().setSoTimeout(10_000);
        while (received.size() < count) {
            final ByteBuffer datagram = ByteBuffer.allocate(2048);
            channel.receive(datagram);
            datagram.flip();
            assertEquals(FragmentVerdict.VALID, fragment.wrap(datagram, 0, datagram.limit()).verify());
            assertTrue(authenticator.verify(datagram, 0, fragment.tagOffset(), fragment.keyId()));
            assertEquals(6, fragment.streamId());
            assertEquals(99, fragment.frameSeq());
            assertEquals(700, fragment.sendDelayMicros());
            received.add(datagram);
        }
        return received;
    }

    private static byte[] reassembleData(final List<ByteBuffer> datagrams) {
        final FrameFragmentFlyweight fragment = new FrameFragmentFlyweight();
        fragment.wrap(datagrams.getFirst(), 0, datagrams.getFirst().limit());
        final byte[] frame = new byte[(int)fragment.frameLength()];
        for (final ByteBuffer datagram : datagrams) {
            fragment.wrap(datagram, 0, datagram.limit());
            if (!fragment.isParity()) {
                final int at = fragment.fragmentIndex() * fragment.payloadLength();
                datagram.get(fragment.payloadOffset(), frame, at, Math.min(fragment.payloadLength(),
                    frame.length - at));
            }
        }
        return frame;
    }
}

package io.saccade.robot.send;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.saccade.protocol.auth.MacKey;
import io.saccade.protocol.auth.MessageAuthenticator;
import io.saccade.protocol.clock.ClockProbe;
import io.saccade.protocol.clock.ClockSample;
import io.saccade.protocol.decision.DatagramVerdict;
import io.saccade.protocol.time.NanoClock;
import io.saccade.runtime.net.UdpTransport;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import org.junit.jupiter.api.Test;

/** The robot's frame socket answering clock probes from a plain socket on 127.0.0.1, on the same clock. */
class ClockProbeResponderIT {
    private static final MacKey KEY = MacKey.of(4, new byte[32]);
    private static final NanoClock CLOCK = NanoClock.system();

    @Test
    void shouldAnswerSignedProbesForItsStreamSoThatTheTrueOffsetLiesWithinTheBound() throws Exception {
        final ClockProbeResponder responder = new ClockProbeResponder(6, new MessageAuthenticator(KEY), CLOCK);
        final ClockProbe node = new ClockProbe(new MessageAuthenticator(KEY));
        try (UdpTransport robot = UdpTransport.bind(new InetSocketAddress("127.0.0.1", 0), 1500, 1 << 20,
                 responder, "robot-udp");
             DatagramChannel socket = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0))) {
            socket.socket().setSoTimeout(10_000);
            socket.send(node.writeRequest(ByteBuffer.allocate(64), 7, CLOCK.nanoTime()), robot.localAddress());
            socket.send(ByteBuffer.wrap(new byte[] {'S', 'P', 'R', 'Q'}), robot.localAddress());

            for (int round = 0; round < 20; round++) {
                final long origin = CLOCK.nanoTime();
                socket.send(node.writeRequest(ByteBuffer.allocate(64), 6, origin), robot.localAddress());
                final ByteBuffer reply = ByteBuffer.allocate(128);
                socket.socket().getChannel().receive(reply);
                final long arrival = CLOCK.nanoTime();
                reply.flip();

                assertEquals(DatagramVerdict.VALID, node.verify(reply, ClockProbe.REPLY));
                assertEquals(origin, ClockProbe.originNanos(reply));
                final ClockSample sample = new ClockSample(origin, ClockProbe.receiveNanos(reply),
                    ClockProbe.transmitNanos(reply), arrival);
                assertTrue(Math.abs(sample.offsetNanos()) <= sample.delayNanos() / 2 + 1,
                    "one clock on both ends: offset " + sample.offsetNanos() + " within +-" + sample.delayNanos() / 2);
            }
        }
        assertEquals(20, responder.events().get(ProbeEvent.ANSWERED));
        assertEquals(2, responder.events().get(ProbeEvent.REFUSED), "another stream's probe and a truncated one");
    }
}

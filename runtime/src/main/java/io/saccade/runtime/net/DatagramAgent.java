package io.saccade.runtime.net;

import io.saccade.runtime.agent.Agent;
import io.saccade.runtime.agent.AgentRunner;
import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;

/**
 * An agent that reads a blocking datagram socket, one datagram per turn, and hands each to its handler on the
 * agent's thread; for the low-rate side channels (decisions at the robot, receipts at the coordinator) where a
 * Netty event loop would be more machinery than the traffic. Closing the channel ends the agent; an I/O error is
 * thrown to the runner, which counts and logs it and turns again. Start it with {@link #run(DatagramChannel, int,
 * String, Handler)}.
 */
public final class DatagramAgent implements Agent {
    private final DatagramChannel channel;
    private final ByteBuffer buffer;
    private final String role;
    private final Handler handler;

    /** What is done with each datagram. */
    @FunctionalInterface
    public interface Handler {
        /**
         * @param datagram the datagram between position and limit; reused after the call.
         * @param sender   where it came from.
         */
        void onDatagram(ByteBuffer datagram, SocketAddress sender);
    }

    private DatagramAgent(final DatagramChannel channel, final int maxBytes, final String role,
                          final Handler handler) {
        this.channel = channel;
        this.buffer = ByteBuffer.allocateDirect(maxBytes);
        this.role = role;
        this.handler = handler;
    }

    /**
     * Starts reading a bound, blocking channel; close the channel first, then the runner.
     *
     * @param channel  the socket.
     * @param maxBytes the largest datagram kept whole.
     * @param role     the agent's role name.
     * @param handler  what is done with each datagram.
     * @return the runner, started.
     */
    public static AgentRunner run(final DatagramChannel channel, final int maxBytes, final String role,
                                  final Handler handler) {
        return AgentRunner.builder(new DatagramAgent(channel, maxBytes, role, handler)).daemon().start();
    }

    @Override
    public int doWork() throws IOException {
        buffer.clear();
        final SocketAddress sender;
        try {
            sender = channel.receive(buffer);
        } catch (final ClosedChannelException ex) {
            return -1;
        }
        handler.onDatagram(buffer.flip(), sender);
        return 1;
    }

    @Override
    public String roleName() {
        return role;
    }
}

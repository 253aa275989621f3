package io.saccade.preprocess.relay;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.socket.DatagramPacket;
import io.saccade.preprocess.ingress.IngressEvent;
import io.saccade.protocol.auth.MessageAuthenticator;
import io.saccade.protocol.frame.FrameFragmentDescriptor;
import io.saccade.protocol.frame.FrameFragmentFlyweight;
import io.saccade.runtime.telemetry.EnumCounters;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * Replicates fragments to the other nodes over the wired LAN, so the robot's WiFi carries each frame once (or
 * twice, to two ingress nodes) and every node still decodes its own copy. A relayed copy carries the
 * {@code RELAYED} flag, which no node relays again, and is signed again because the flag is covered by the tag.
 * Runs on the ingress event loop; writes are flushed once per read batch. The configured peers may name this node
 * too (in Kubernetes every node gets the same list): once attached to its socket, the relay leaves itself out.
 */
public final class PeerRelay implements FragmentRelay {
    private volatile List<InetSocketAddress> configured;
    private volatile List<InetSocketAddress> peers;
    private volatile int localPort = -1;
    private final MessageAuthenticator authenticator;
    private final EnumCounters<IngressEvent> events;
    private final FrameFragmentFlyweight fragment = new FrameFragmentFlyweight();
    private Channel channel;

    /**
     * @param peers         the other nodes' ingress addresses.
     * @param authenticator signs the relayed copies.
     * @param events        counts relayed fragments.
     */
    public PeerRelay(final List<InetSocketAddress> peers, final MessageAuthenticator authenticator,
                     final EnumCounters<IngressEvent> events) {
        this.configured = List.copyOf(peers);
        this.peers = configured;
        this.authenticator = authenticator;
        this.events = events;
    }

    /**
     * The peers without this node: in Kubernetes every node's preprocess gets the same list, every node's address
     * in it. An address of one of this machine's interfaces at this node's port is this node.
     *
     * @param peers     the configured peers.
     * @param localPort the port this node receives on.
     * @return the others, in order.
     */
    public static List<InetSocketAddress> others(final List<InetSocketAddress> peers, final int localPort) {
        return peers.stream().filter(peer -> peer.getPort() != localPort || !isLocal(peer)).toList();
    }

    private static boolean isLocal(final InetSocketAddress peer) {
        try {
            return peer.getAddress() != null && (peer.getAddress().isLoopbackAddress()
                || peer.getAddress().isAnyLocalAddress()
                || NetworkInterface.getByInetAddress(peer.getAddress()) != null);
        } catch (final SocketException ex) {
            return false;
        }
    }

    /**
     * Replaces the peer list; takes effect with the next fragment.
     *
     * @param addresses the other nodes' ingress addresses.
     */
    public void peers(final List<InetSocketAddress> addresses) {
        configured = List.copyOf(addresses);
        peers = localPort < 0 ? configured : others(configured, localPort);
    }

    /**
     * @param channel the ingress socket, which also sends the copies; its port tells this node in the peer list.
     */
    public void attach(final Channel channel) {
        localPort = ((InetSocketAddress)channel.localAddress()).getPort();
        peers = others(configured, localPort);
        this.channel = channel;
    }

    @Override
    public void forward(final ByteBuffer datagram, final int offset, final int length) {
        final List<InetSocketAddress> targets = peers;
        if (channel == null || targets.isEmpty()) {
            return;
        }
        final ByteBuf copy = channel.alloc().directBuffer(length);
        final ByteBuffer view = copy.internalNioBuffer(0, length);
        final int base = view.position();
        view.put(base, datagram, offset, length);
        fragment.wrap(view, base, length).flags(fragment.flags() | FrameFragmentDescriptor.FLAG_RELAYED);
        authenticator.sign(view, base, fragment.tagOffset());
        copy.writerIndex(length);
        for (int i = 0; i < targets.size(); i++) {
            final ByteBuf payload = i == targets.size() - 1 ? copy : copy.retainedDuplicate();
            channel.write(new DatagramPacket(payload, targets.get(i)), channel.voidPromise());
        }
        events.add(IngressEvent.FRAGMENTS_RELAYED, targets.size());
    }

    @Override
    public void flush() {
        if (channel != null) {
            channel.flush();
        }
    }
}

package io.saccade.preprocess.ingress;

import io.saccade.preprocess.PreprocessConfig;
import io.saccade.preprocess.reassembly.FrameReassembler;
import io.saccade.preprocess.reassembly.JpegFramePool;
import io.saccade.preprocess.reassembly.ReassemblyEvent;
import io.saccade.preprocess.relay.PeerRelay;
import io.saccade.protocol.auth.KeyRing;
import io.saccade.protocol.auth.MessageAuthenticator;
import io.saccade.protocol.clock.ClockTable;
import io.saccade.protocol.time.NanoClock;
import io.saccade.runtime.net.UdpTransport;
import io.saccade.runtime.telemetry.EnumCounters;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * A node's frame ingress: the UDP socket, the checks, reassembly and relay to peers, all on one event loop thread.
 * Complete frames go to the listener given at start.
 */
public final class FrameIngress implements AutoCloseable {
    private final UdpTransport transport;
    private final FragmentIngestion ingestion;
    private final FrameReassembler reassembler;
    private final PeerRelay relay;
    private final ClockSync clocks;
    private final EnumCounters<IngressEvent> events;

    private FrameIngress(final UdpTransport transport, final FragmentIngestion ingestion,
                         final FrameReassembler reassembler, final PeerRelay relay, final ClockSync clocks,
                         final EnumCounters<IngressEvent> events) {
        this.transport = transport;
        this.ingestion = ingestion;
        this.reassembler = reassembler;
        this.relay = relay;
        this.clocks = clocks;
        this.events = events;
    }

    /**
     * Binds the socket and starts receiving.
     *
     * @param config   the node's settings.
     * @param keys     the robot's keys, shared with the robot and the other nodes.
     * @param pool     frame buffers.
     * @param listener takes complete frames.
     * @param offsets  where the measured robot clock offsets go.
     * @param clock    monotonic time.
     * @return the running ingress.
     * @throws InterruptedException when interrupted while binding.
     */
    public static FrameIngress start(final PreprocessConfig config, final KeyRing keys, final JpegFramePool pool,
                                     final FrameReassembler.FrameListener listener, final ClockTable offsets,
                                     final NanoClock clock)
        throws InterruptedException {
        final EnumCounters<IngressEvent> events = new EnumCounters<>(IngressEvent.class);
        final FrameReassembler reassembler = new FrameReassembler(config.limits(), pool, listener);
        final PeerRelay relay = new PeerRelay(config.ingress().peerAddresses(), new MessageAuthenticator(keys), events);
        final ClockSync clocks = new ClockSync(new MessageAuthenticator(keys), offsets, config.limits().maxStreams());
        final FragmentIngestion ingestion = new FragmentIngestion(config.ingress().maxDatagramBytes(),
            new MessageAuthenticator(keys), reassembler, relay, clocks, events, clock);
        final IngressHandler handler = new IngressHandler(ingestion, reassembler, relay, clocks, clock,
            config.limits().maxFrameAgeNanos() / 4);
        final UdpTransport transport = UdpTransport.bind(config.ingress().bindAddress(),
            config.ingress().maxDatagramBytes() + 1, config.ingress().socketReceiveBytes(), handler,
            "ingress-" + config.node());
        return new FrameIngress(transport, ingestion, reassembler, relay, clocks, events);
    }

    /** @return the bound address, with the port the OS chose when configured with port 0. */
    public InetSocketAddress localAddress() {
        return transport.localAddress();
    }

    /**
     * Replaces the peers fragments from the robot are relayed to.
     *
     * @param peers the other nodes' ingress addresses.
     */
    public void peers(final List<InetSocketAddress> peers) {
        relay.peers(peers);
    }

    /** @return frames in progress over all streams (read from another thread: approximate). */
    public int framesInProgress() {
        return reassembler.framesInProgress();
    }

    /** @return the kernel receive buffer granted. */
    public int receiveBufferBytes() {
        return transport.receiveBufferBytes();
    }

    /** @return drops by reason. */
    public EnumCounters<DropReason> drops() {
        return ingestion.drops();
    }

    /** @return datagrams and fragments handled. */
    public EnumCounters<IngressEvent> events() {
        return events;
    }

    /** @return clock probes sent, answered, refused (read from another thread: approximate). */
    public EnumCounters<ClockEvent> clocks() {
        return clocks.events();
    }

    /** @return frames completed, recovered and dropped incomplete. */
    public EnumCounters<ReassemblyEvent> reassembly() {
        return reassembler.events();
    }

    @Override
    public void close() {
        transport.close();
    }
}

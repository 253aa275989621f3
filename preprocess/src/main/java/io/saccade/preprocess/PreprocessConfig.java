package io.saccade.preprocess;

import io.saccade.preprocess.reassembly.ReassemblyLimits;
import io.saccade.protocol.mqtt.TopicTree;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A node's preprocess settings. The defaults receive on UDP port 7000 from a robot on the same machine, which is
 * what the local demo needs.
 *
 * @param node                node name, unique in the cluster.
 * @param bind                {@code host:port} the ingress socket binds; port 0 lets the OS choose.
 * @param peers               other nodes' ingress addresses, {@code host:port}; fragments from the robot are
 *                            relayed to each.
 * @param mtu                 link MTU; datagrams up to {@code mtu - 28} bytes are received whole.
 * @param keyFile             file holding the MAC key shared with the robot and the other nodes.
 * @param keyId               id of that key, 0..255.
 * @param maxStreams          robots (streams) tracked at once.
 * @param framesPerStream     frames of one stream reassembled at once.
 * @param maxFramesInProgress frames reassembled at once over all streams.
 * @param maxFrameBytes       largest JPEG accepted.
 * @param maxRedundancy       most parity accepted per data fragment.
 * @param maxFrameAgeMillis   longest a frame may stay incomplete.
 * @param streamIdleSeconds   how long a silent stream keeps its place in a full stream table.
 * @param replayWindowFrames  how many frames below the newest a late frame may be; older is a replay.
 * @param socketReceiveBytes  kernel receive buffer to ask for (bounded by net.core.rmem_max).
 */
public record PreprocessConfig(String node, String bind, List<String> peers, int mtu, String keyFile, int keyId,
                               int maxStreams, int framesPerStream, int maxFramesInProgress, int maxFrameBytes,
                               double maxRedundancy, int maxFrameAgeMillis, int streamIdleSeconds,
                               int replayWindowFrames, int socketReceiveBytes) {
    /** Bytes of IPv4 and UDP header below the MTU: the largest datagram a link of that MTU carries. */
    public static final int IPV4_UDP_OVERHEAD = 28;

    /** The settings the local demo runs with. */
    public static final PreprocessConfig DEFAULTS = new PreprocessConfig("node-1", "0.0.0.0:7000", List.of(), 1500,
        ".saccade/mac.key", 1, 8, 4, 16, 1 << 20, 1.0, 500, 10, 300, 4 << 20);

    /** Validates every setting, naming it in the message. */
    public PreprocessConfig {
        TopicTree.requireSegment(node, "node");
        address(bind, "bind");
        peers = List.copyOf(peers);
        peers.forEach(peer -> address(peer, "peers"));
        require(mtu >= 576 && mtu <= 65535, "mtu must be 576..65535, got " + mtu);
        require(keyFile != null && !keyFile.isBlank(), "keyFile must name the MAC key file");
        require(keyId >= 0 && keyId <= 255, "keyId must be 0..255, got " + keyId);
        require(maxStreams >= 1 && maxStreams <= 1024, "maxStreams must be 1..1024, got " + maxStreams);
        require(framesPerStream >= 1 && framesPerStream <= 64, "framesPerStream must be 1..64, got " + framesPerStream);
        require(maxFramesInProgress >= framesPerStream && maxFramesInProgress <= 4096,
            "maxFramesInProgress must be framesPerStream.." + 4096 + ", got " + maxFramesInProgress);
        require(maxFrameBytes >= 1024 && maxFrameBytes <= 64 << 20,
            "maxFrameBytes must be 1024..67108864, got " + maxFrameBytes);
        require(maxRedundancy >= 0 && maxRedundancy <= 4, "maxRedundancy must be 0..4, got " + maxRedundancy);
        require(maxFrameAgeMillis >= 1 && maxFrameAgeMillis <= 60_000,
            "maxFrameAgeMillis must be 1..60000, got " + maxFrameAgeMillis);
        require(streamIdleSeconds >= 1, "streamIdleSeconds must be at least 1, got " + streamIdleSeconds);
        require(replayWindowFrames >= 1, "replayWindowFrames must be at least 1, got " + replayWindowFrames);
        require(socketReceiveBytes >= 65536, "socketReceiveBytes must be at least 65536, got " + socketReceiveBytes);
    }

    /** @return the address the ingress socket binds. */
    public InetSocketAddress bindAddress() {
        return address(bind, "bind");
    }

    /** @return the peers' ingress addresses. */
    public List<InetSocketAddress> peerAddresses() {
        return peers.stream().map(peer -> address(peer, "peers")).toList();
    }

    /** @return the largest datagram received whole. */
    public int maxDatagramBytes() {
        return mtu - IPV4_UDP_OVERHEAD;
    }

    /** @return the reassembly bounds. */
    public ReassemblyLimits limits() {
        return new ReassemblyLimits(maxStreams, framesPerStream, maxFramesInProgress, maxFrameBytes,
            maxDatagramBytes(), (int)Math.ceil(maxFrameBytes * maxRedundancy) + 2 * maxDatagramBytes(),
            TimeUnit.MILLISECONDS.toNanos(maxFrameAgeMillis), TimeUnit.SECONDS.toNanos(streamIdleSeconds),
            replayWindowFrames);
    }

    /** @return bytes of one frame buffer: the largest frame plus the padding of its last shard. */
    public int frameBufferBytes() {
        return maxFrameBytes + maxDatagramBytes();
    }

    /** @return frame buffers needed: frames in progress, one waiting per stream, and two being decoded. */
    public int frameBuffers() {
        return maxFramesInProgress + maxStreams + 2;
    }

    private static InetSocketAddress address(final String value, final String setting) {
        final int colon = value == null ? -1 : value.lastIndexOf(':');
        require(colon > 0, setting + ": '" + value + "' must be host:port");
        try {
            final int port = Integer.parseInt(value.substring(colon + 1));
            require(port >= 0 && port <= 65535, setting + ": '" + value + "' port must be 0..65535");
            return new InetSocketAddress(value.substring(0, colon).replace("[", "").replace("]", ""), port);
        } catch (final NumberFormatException ex) {
            throw new IllegalArgumentException(setting + ": '" + value + "' has no numeric port", ex);
        }
    }

    private static void require(final boolean condition, final String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}

package io.saccade.preprocess;

import io.saccade.preprocess.decode.DecodeConfig;
import io.saccade.preprocess.reassembly.ReassemblyConfig;
import io.saccade.protocol.DefaultPorts;
import io.saccade.protocol.mqtt.TopicTree;
import io.saccade.runtime.config.KeysConfig;
import io.saccade.runtime.mqtt.MqttConfig;
import io.saccade.runtime.net.HostPort;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A node's preprocess settings, in sections as the YAML file has them. The defaults receive on UDP port {@link
 * DefaultPorts#FRAMES} from a
 * robot on the same machine and share memory under {@code /dev/shm/saccade/<node>}: what the local demo needs.
 *
 * @param node         node name, unique in the cluster.
 * @param keys         the robot's key (fragments, relayed copies, clock probes) and the cluster's (this node's
 *                     status on the broker).
 * @param ingress      the UDP socket and the peers.
 * @param reassembly   the bounds on reassembly.
 * @param sharedMemory where the rings go and how big they are.
 * @param registry     how the node registry is watched.
 * @param decode       where the decode thread runs.
 * @param mqtt         the broker, for this node's retained status (user: the node's name).
 * @param topicPrefix  topic tree prefix.
 * @param statusMillis how often the status is refreshed.
 */
public record PreprocessConfig(String node, KeysConfig keys, Ingress ingress, Reassembly reassembly,
                               SharedMemory sharedMemory, Registry registry, Decode decode, MqttConfig mqtt,
                               String topicPrefix, int statusMillis) {
    /** The settings the local demo runs with. */
    public static final PreprocessConfig DEFAULTS = new PreprocessConfig("node-1",
        KeysConfig.BOTH,
        new Ingress("0.0.0.0:" + DefaultPorts.FRAMES, List.of(), 1500, 4 << 20),
        new Reassembly(8, 4, 16, 1 << 20, 1.0, 500, 10, 300),
        new SharedMemory("", 3, 80, 60, 64, 320, 240, 10),
        new Registry(200, 3000, 10),
        new Decode("big"), MqttConfig.DEFAULTS, TopicTree.DEFAULT_PREFIX, 1_000);

    /** Validates every setting, naming it in the message. */
    public PreprocessConfig {
        TopicTree.requireSegment(node, "node");
        require(keys != null && keys.robot().held() && keys.cluster().held(),
            "keys.robot.file and keys.cluster.file must name the robot's and the cluster's key files");
        require(ingress != null && reassembly != null && sharedMemory != null && registry != null && decode != null
            && mqtt != null, "ingress, reassembly, sharedMemory, registry, decode and mqtt sections are required");
        new TopicTree(topicPrefix);
        require(statusMillis >= 100, "statusMillis must be at least 100, got " + statusMillis);
    }

    /**
     * The ingress socket.
     *
     * @param bind               {@code host:port} to bind; port 0 lets the OS choose.
     * @param peers              other nodes' ingress addresses; fragments from the robot are relayed to each.
     * @param mtu                link MTU; datagrams up to {@code mtu - 28} bytes are received whole.
     * @param socketReceiveBytes kernel receive buffer to ask for (bounded by net.core.rmem_max).
     */
    public record Ingress(String bind, List<String> peers, int mtu, int socketReceiveBytes) {
        /** Bytes of IPv4 and UDP header below the MTU: the largest datagram a link of that MTU carries. */
        public static final int IPV4_UDP_OVERHEAD = 28;

        /** Validates the section. */
        public Ingress {
            address(bind, "ingress.bind");
            peers = List.copyOf(peers);
            peers.forEach(peer -> address(peer, "ingress.peers"));
            require(mtu >= 576 && mtu <= 65535, "ingress.mtu must be 576..65535, got " + mtu);
            require(socketReceiveBytes >= 65536,
                "ingress.socketReceiveBytes must be at least 65536, got " + socketReceiveBytes);
        }

        /** @return the address to bind. */
        public InetSocketAddress bindAddress() {
            return address(bind, "ingress.bind");
        }

        /** @return the peers' addresses. */
        public List<InetSocketAddress> peerAddresses() {
            return peers.stream().map(peer -> address(peer, "ingress.peers")).toList();
        }

        /** @return the largest datagram received whole. */
        public int maxDatagramBytes() {
            return mtu - IPV4_UDP_OVERHEAD;
        }
    }

    /**
     * Bounds that keep reassembly's memory fixed.
     *
     * @param maxStreams          robots (streams) tracked at once.
     * @param framesPerStream     frames of one stream reassembled at once.
     * @param maxFramesInProgress frames reassembled at once over all streams.
     * @param maxFrameBytes       largest JPEG accepted.
     * @param maxRedundancy       most parity accepted per data fragment.
     * @param maxFrameAgeMillis   longest a frame may stay incomplete.
     * @param streamIdleSeconds   how long a silent stream keeps its place in a full stream table.
     * @param replayWindowFrames  how many frames below the newest a late frame may be; older is a replay.
     */
    public record Reassembly(int maxStreams, int framesPerStream, int maxFramesInProgress, int maxFrameBytes,
                             double maxRedundancy, int maxFrameAgeMillis, int streamIdleSeconds,
                             int replayWindowFrames) {
        /** Validates the section. */
        public Reassembly {
            require(maxStreams >= 1 && maxStreams <= 1024, "reassembly.maxStreams must be 1..1024, got " + maxStreams);
            require(framesPerStream >= 1 && framesPerStream <= 64,
                "reassembly.framesPerStream must be 1..64, got " + framesPerStream);
            require(maxFramesInProgress >= framesPerStream && maxFramesInProgress <= 4096,
                "reassembly.maxFramesInProgress must be framesPerStream..4096, got " + maxFramesInProgress);
            require(maxFrameBytes >= 1024 && maxFrameBytes <= 64 << 20,
                "reassembly.maxFrameBytes must be 1024..67108864, got " + maxFrameBytes);
            require(maxRedundancy >= 0 && maxRedundancy <= 4,
                "reassembly.maxRedundancy must be 0..4, got " + maxRedundancy);
            require(maxFrameAgeMillis >= 1 && maxFrameAgeMillis <= 60_000,
                "reassembly.maxFrameAgeMillis must be 1..60000, got " + maxFrameAgeMillis);
            require(streamIdleSeconds >= 1, "reassembly.streamIdleSeconds must be at least 1, got "
                + streamIdleSeconds);
            require(replayWindowFrames >= 1, "reassembly.replayWindowFrames must be at least 1, got "
                + replayWindowFrames);
        }
    }

    /**
     * The node's shared-memory directory and its rings.
     *
     * @param directory       a tmpfs directory shared with the accelerators; empty means /dev/shm/saccade/{node}.
     * @param tensorSlots     slots per tensor ring.
     * @param thumbnailWidth  thumbnail width.
     * @param thumbnailHeight thumbnail height.
     * @param thumbnailSlots  slots of the thumbnail ring: how many frames back change scores can reach.
     * @param previewWidth    width of the colour previews the dashboard shows; 0 turns them off.
     * @param previewHeight   their height.
     * @param previewFps      at most this many previews a second.
     */
    public record SharedMemory(String directory, int tensorSlots, int thumbnailWidth, int thumbnailHeight,
                               int thumbnailSlots, int previewWidth, int previewHeight, int previewFps) {
        /** Validates the section. */
        public SharedMemory {
            require(directory != null, "sharedMemory.directory must be a path, or empty for the default");
            require(tensorSlots >= 2 && tensorSlots <= 64, "sharedMemory.tensorSlots must be 2..64, got "
                + tensorSlots);
            require(thumbnailWidth >= 8 && thumbnailWidth <= 640 && thumbnailHeight >= 8 && thumbnailHeight <= 480,
                "sharedMemory.thumbnailWidth/Height must be 8..640 x 8..480, got " + thumbnailWidth + "x"
                    + thumbnailHeight);
            require(thumbnailSlots >= 2 && thumbnailSlots <= 4096,
                "sharedMemory.thumbnailSlots must be 2..4096, got " + thumbnailSlots);
            require(previewWidth == 0 || previewWidth >= 16 && previewWidth <= 1920 && previewHeight >= 16
                && previewHeight <= 1080, "sharedMemory.previewWidth/Height must be 16..1920 x 16..1080 (width 0 turns"
                + " previews off), got " + previewWidth + "x" + previewHeight);
            require(previewWidth == 0 || previewFps >= 1 && previewFps <= 30,
                "sharedMemory.previewFps must be 1..30, got " + previewFps);
        }
    }

    /**
     * How the node registry is watched.
     *
     * @param pollMillis    time between reads; keep it below the services' heartbeat (1 s).
     * @param staleMillis   a heartbeat older than this means the service is gone.
     * @param retireSeconds how long a spec nobody registers any more keeps its ring.
     */
    public record Registry(int pollMillis, int staleMillis, int retireSeconds) {
        /** Validates the section. */
        public Registry {
            require(pollMillis >= 10 && pollMillis <= 10_000, "registry.pollMillis must be 10..10000, got "
                + pollMillis);
            require(staleMillis > pollMillis, "registry.staleMillis must exceed registry.pollMillis");
            require(retireSeconds >= 0, "registry.retireSeconds must not be negative, got " + retireSeconds);
        }
    }

    /**
     * Where the decode thread runs.
     *
     * @param cores {@code big}, {@code little}, {@code all}, or a CPU list like {@code 4-5}.
     */
    public record Decode(String cores) {
        /** Validates the section. */
        public Decode {
            require(cores != null && !cores.isBlank(), "decode.cores must be big, little, all or a CPU list");
        }
    }

    /** @return the sender id of this node's status (and its MQTT client id). */
    public String sender() {
        return node + "/preprocess";
    }

    /** @return the shared-memory directory. */
    public Path sharedMemoryDirectory() {
        return sharedMemory.directory().isBlank() ? Path.of("/dev/shm/saccade", node)
            : Path.of(sharedMemory.directory());
    }

    /** @return the reassembly bounds. */
    public ReassemblyConfig limits() {
        return new ReassemblyConfig(reassembly.maxStreams(), reassembly.framesPerStream(),
            reassembly.maxFramesInProgress(), reassembly.maxFrameBytes(), ingress.maxDatagramBytes(),
            (int)Math.ceil(reassembly.maxFrameBytes() * reassembly.maxRedundancy()) + 2 * ingress.maxDatagramBytes(),
            TimeUnit.MILLISECONDS.toNanos(reassembly.maxFrameAgeMillis()),
            TimeUnit.SECONDS.toNanos(reassembly.streamIdleSeconds()), reassembly.replayWindowFrames());
    }

    /** @return bytes of one frame buffer: the largest frame plus the padding of its last shard. */
    public int frameBufferBytes() {
        return reassembly.maxFrameBytes() + ingress.maxDatagramBytes();
    }

    /** @return frame buffers needed: frames in progress, one waiting per stream, and two being decoded. */
    public int frameBuffers() {
        return reassembly.maxFramesInProgress() + reassembly.maxStreams() + 2;
    }

    /** @return the decode stage's ring settings. */
    public DecodeConfig decodeSettings() {
        return new DecodeConfig(sharedMemory.tensorSlots(), sharedMemory.thumbnailWidth(),
            sharedMemory.thumbnailHeight(), sharedMemory.thumbnailSlots(), sharedMemory.previewWidth() == 0 ? null
                : DecodeConfig.previewSpec(sharedMemory.previewWidth(), sharedMemory.previewHeight()),
            sharedMemory.previewWidth() == 0 ? 0 : TimeUnit.SECONDS.toNanos(1) / sharedMemory.previewFps(),
            TimeUnit.SECONDS.toNanos(registry.retireSeconds()), TimeUnit.SECONDS.toNanos(5));
    }

    private static InetSocketAddress address(final String value, final String setting) {
        return HostPort.parse(value, setting, 0);
    }

    private static void require(final boolean condition, final String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}

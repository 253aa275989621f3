package io.saccade.coordinator.service;

import io.saccade.protocol.DefaultPorts;
import io.saccade.protocol.mqtt.TopicTree;
import io.saccade.runtime.config.KeysConfig;
import io.saccade.runtime.mqtt.MqttConfig;
import io.saccade.runtime.net.HostPort;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Settings of one coordinator replica. The defaults run one replica of the local demo: member {@code coordinator-1}
 * on {@code node-1}, decisions for stream 1 to a robot on this machine.
 *
 * @param member        member id, unique among the replicas (the pod name in Kubernetes).
 * @param node          the node it runs on; its thumbnail ring is the decision trigger.
 * @param sharedMemory  the node's shared-memory directory; empty for {@code /dev/shm/saccade/<node>}.
 * @param mqtt          the broker.
 * @param topicPrefix   topic tree prefix.
 * @param election      heartbeat timing.
 * @param policy        the policy file; empty for the built-in policy.
 * @param robots        where each stream's robot receives decision datagrams.
 * @param keys          the robot's key (decisions, receipts; the signed decisions a follower shows) and the
 *                      cluster's (results, status, heartbeats, leadership, plans).
 * @param historyFrames thumbnails kept per stream: how old a label's source frame may be and still be compared.
 * @param planStaleMillis an accelerator silent for longer leaves the work plans.
 * @param health        where {@code /live}, {@code /ready}, {@code /metrics} and the dashboard are served,
 *                      {@code host:port}; empty disables. Loopback unless told otherwise.
 * @param healthTokenFile a file holding the token {@code /metrics} and the dashboard ask for; empty: none.
 * @param ledgerEvery   every how many decided frames the leader publishes a full latency ledger (0: none).
 */
public record CoordinatorConfig(String member, String node, String sharedMemory, MqttConfig mqtt,
                                String topicPrefix, Election election, String policy, List<Robot> robots,
                                KeysConfig keys, int historyFrames, long planStaleMillis, String health,
                                String healthTokenFile, int ledgerEvery) {
    /** The settings the local demo runs with. */
    public static final CoordinatorConfig DEFAULTS = new CoordinatorConfig("coordinator-1", "node-1", "",
        MqttConfig.DEFAULTS, TopicTree.DEFAULT_PREFIX, new Election(100, 1_000), "",
        List.of(new Robot(1, "127.0.0.1:" + DefaultPorts.DECISIONS)), KeysConfig.BOTH, 64, 3_000,
        "127.0.0.1:0", "", 30);

    /**
     * Membership timing. A crashed or killed leader's Last Will arrives at once when its socket closes, whatever the
     * timeout; the timeout covers a leader that hangs or is cut off, so that failover takes at most
     * {@code timeoutMillis} plus one heartbeat. The default (1 s) is generous because a busy two-core board can
     * delay heartbeats by hundreds of milliseconds, and a member that suspects a live leader causes a needless
     * (fenced, but noisy) change of leadership.
     *
     * @param heartbeatMillis how often members heartbeat and the election is evaluated.
     * @param timeoutMillis   a member silent for longer is not live.
     */
    public record Election(long heartbeatMillis, long timeoutMillis) {
        /** Validates the timing. */
        public Election {
            require(heartbeatMillis >= 10, "election.heartbeatMillis must be at least 10, got " + heartbeatMillis);
            require(timeoutMillis >= 2 * heartbeatMillis, "election.timeoutMillis must be at least twice "
                + "election.heartbeatMillis, got " + timeoutMillis);
        }
    }

    /**
     * A robot the leader sends decision datagrams to.
     *
     * @param stream    its stream id.
     * @param decisions {@code host:port} its decision receiver listens on.
     */
    public record Robot(long stream, String decisions) {
        /** Validates the entry. */
        public Robot {
            require(stream >= 0 && stream <= 0xFFFF_FFFFL, "robots.stream must be 0..4294967295, got " + stream);
            HostPort.parse(decisions, "robots.decisions", 1);
        }
    }

    /** Validates every setting, naming it in the message. */
    public CoordinatorConfig {
        TopicTree.requireSegment(member, "member");
        TopicTree.requireSegment(node, "node");
        sharedMemory = sharedMemory == null ? "" : sharedMemory;
        require(mqtt != null && election != null, "mqtt and election are required");
        new TopicTree(topicPrefix);
        policy = policy == null ? "" : policy;
        robots = List.copyOf(robots == null ? List.of() : robots);
        final Set<Long> streams = new HashSet<>();
        robots.forEach(robot -> require(streams.add(robot.stream()), "robots: stream " + robot.stream()
            + " is listed twice"));
        require(keys != null && keys.robot().held() && keys.cluster().held(),
            "keys.robot.file and keys.cluster.file must name the robot's and the cluster's key files");
        require(historyFrames >= 2 && historyFrames <= 4096, "historyFrames must be 2..4096, got " + historyFrames);
        require(planStaleMillis >= 100, "planStaleMillis must be at least 100, got " + planStaleMillis);
        require(ledgerEvery >= 0, "ledgerEvery must not be negative, got " + ledgerEvery);
        health = health == null ? "" : health;
        healthTokenFile = healthTokenFile == null ? "" : healthTokenFile;
        if (!health.isBlank()) {
            HostPort.parse(health, "health", 0);
        }
    }

    /** @return the sender id of this replica's messages (and its MQTT client id). */
    public String sender() {
        return node + "/" + member;
    }

    /** @return the shared-memory directory. */
    public Path sharedMemoryDirectory() {
        return sharedMemory.isBlank() ? Path.of("/dev/shm/saccade", node) : Path.of(sharedMemory);
    }

    /** @return each stream's robot address. */
    public Map<Long, InetSocketAddress> robotAddresses() {
        final Map<Long, InetSocketAddress> addresses = new HashMap<>();
        robots.forEach(robot -> addresses.put(robot.stream(), HostPort.parse(robot.decisions(), "robots.decisions",
            1)));
        return addresses;
    }

    private static void require(final boolean condition, final String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}

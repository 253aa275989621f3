package io.saccade.runtime.mqtt;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.saccade.protocol.auth.KeyRing;
import io.saccade.protocol.auth.KeyRole;
import io.saccade.protocol.auth.MacKey;
import io.saccade.protocol.message.MemberHeartbeat;
import io.saccade.protocol.message.MemberState;
import io.saccade.protocol.message.MessageCodec;
import io.saccade.protocol.message.ServiceRole;
import io.saccade.protocol.message.ServiceState;
import io.saccade.protocol.message.ServiceStatus;
import io.saccade.protocol.mqtt.TopicTree;
import io.saccade.runtime.telemetry.EnumCounters;
import io.saccade.runtime.testing.TestBroker;
import io.saccade.runtime.testing.TestBrokers;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Signed messages through real brokers (the embedded one and Mosquitto), with the project's ACL and users. */
class SignedMqttIT {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final TopicTree TOPICS = new TopicTree(TopicTree.DEFAULT_PREFIX);
    private static final MacKey CLUSTER = MacKey.of(2, "cluster-key-0123456789abcdef-0123".getBytes());
    private static final MacKey ROBOT = MacKey.of(1, "robot-key-0123456789abcdef-012345".getBytes());
    private static final Map<KeyRole, KeyRing> BOTH = Map.of(KeyRole.CLUSTER, KeyRing.of(CLUSTER), KeyRole.ROBOT,
        KeyRing.of(ROBOT));

    @TempDir
    Path dir;

    private final EnumCounters<MqttEvent> events = new EnumCounters<>(MqttEvent.class);
    private final List<MessageOpener.Opened<ServiceStatus>> statuses = new CopyOnWriteArrayList<>();
    private final List<byte[]> raw = new CopyOnWriteArrayList<>();

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.saccade.runtime.testing.TestBrokers#both")
    void shouldDeliverSignedStatusAndRefuseEveryForgeryByReason(final TestBrokers.Kind kind) throws Exception {
        try (TestBroker broker = kind.start(dir);
             SignedMqtt coordinator = start(broker, "coordinator", "node-1/coordinator-a", KeyRole.CLUSTER, BOTH);
             SignedMqtt node = start(broker, "node-1", "node-1/accelerator-ssd", KeyRole.CLUSTER,
                 Map.of(KeyRole.CLUSTER, KeyRing.of(CLUSTER)));
             PahoMqttPort keyless = plain(broker, "node-2", "node-2/keyless");
             PahoMqttPort recorder = plain(broker, "observer", "recorder")) {
            coordinator.subscribe(TOPICS.allStatus(), 1, ServiceStatus.class, statuses::add);
            recorder.subscribe(TOPICS.allStatus(), 1, (topic, payload) -> raw.add(payload));
            await().atMost(WAIT).until(() -> {
                node.publish(status("node-1", "accelerator-ssd", ServiceRole.ACCELERATOR), 1, false);
                return !statuses.isEmpty();
            });
            final MessageOpener.Opened<ServiceStatus> first = statuses.getFirst();
            assertEquals("node-1/accelerator-ssd", first.sender());
            assertEquals(KeyRole.CLUSTER, first.role());
            assertFalse(first.will());

            final MessageCodec codec = new MessageCodec();
            final String ownTopic = TOPICS.status("node-2", "intruder");
            keyless.publish(ownTopic, codec.encode(status("node-2", "intruder", ServiceRole.ACCELERATOR)), 1, false);
            await().atMost(WAIT).until(() -> coordinator.inbound().get(InboundEvent.UNSIGNED) == 1);

            try (SignedMqtt stranger = start(broker, "node-2", "node-2/stranger", KeyRole.CLUSTER,
                Map.of(KeyRole.CLUSTER, KeyRing.of(MacKey.of(2, new byte[32]))))) {
                await().atMost(WAIT).until(() -> {
                    stranger.publish(status("node-2", "intruder", ServiceRole.ACCELERATOR), 1, false);
                    return coordinator.inbound().get(InboundEvent.BAD_MAC) >= 1;
                });
            }
            try (SignedMqtt robotKey = start(broker, "node-2", "node-2/robot-key", KeyRole.ROBOT,
                Map.of(KeyRole.ROBOT, KeyRing.of(ROBOT)))) {
                await().atMost(WAIT).until(() -> {
                    robotKey.publish(status("node-2", "intruder", ServiceRole.ACCELERATOR), 1, false);
                    return coordinator.inbound().get(InboundEvent.WRONG_KEY_ROLE) >= 1;
                });
            }

            final byte[] replayed = raw.getFirst();
            keyless.publish(TOPICS.status("node-2", "intruder"), replayed, 1, false);
            await().atMost(WAIT).until(() -> coordinator.inbound().get(InboundEvent.BAD_MAC) >= 2);
            final byte[] mutated = raw.getFirst().clone();
            mutated[mutated.length - 20] ^= 1;
            keyless.publish(ownTopic, mutated, 1, false);
            await().atMost(WAIT).until(() -> coordinator.inbound().get(InboundEvent.BAD_MAC) >= 3);

            assertEquals(0, coordinator.inbound().get(InboundEvent.REPLAYED));
            assertTrue(statuses.stream().allMatch(opened -> opened.sender().equals("node-1/accelerator-ssd")),
                "only the real node's statuses got through: " + statuses);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.saccade.runtime.testing.TestBrokers#both")
    void shouldRefuseAReplayFromTheSendersOwnAccountAndAWillOfAnEarlierSession(final TestBrokers.Kind kind)
        throws Exception {
        try (TestBroker broker = kind.start(dir);
             SignedMqtt coordinator = start(broker, "coordinator", "node-1/coordinator-a", KeyRole.CLUSTER, BOTH);
             PahoMqttPort replayer = plain(broker, "node-1", "node-1/replayer");
             PahoMqttPort recorder = plain(broker, "observer", "recorder")) {
            coordinator.subscribe(TOPICS.allStatus(), 1, ServiceStatus.class, statuses::add);
            recorder.subscribe(TOPICS.allStatus(), 1, (topic, payload) -> raw.add(payload));
            final SignedMqtt node = accelerator(broker);
            await().atMost(WAIT).until(() -> {
                node.publish(status("node-1", "accelerator-ssd", ServiceRole.ACCELERATOR), 1, true);
                return !statuses.isEmpty();
            });
            node.publish(status("node-1", "accelerator-ssd", ServiceRole.ACCELERATOR), 1, true);
            await().atMost(WAIT).until(() -> statuses.size() >= 2);

            replayer.publish(TOPICS.status("node-1", "accelerator-ssd"), raw.getFirst(), 1, false);
            await().atMost(WAIT).until(() -> coordinator.inbound().get(InboundEvent.REPLAYED) == 1);

            node.port().abandon(); // dies: the broker publishes its signed Will
            await().atMost(WAIT).until(() -> statuses.stream().anyMatch(MessageOpener.Opened::will));
            final byte[] will = raw.getLast();
            assertEquals(ServiceState.OFFLINE, statuses.getLast().message().state());

            try (SignedMqtt restarted = accelerator(broker)) {
                final int before = statuses.size();
                await().atMost(WAIT).until(() -> {
                    restarted.publish(status("node-1", "accelerator-ssd", ServiceRole.ACCELERATOR), 1, true);
                    return statuses.size() > before;
                });
                replayer.publish(TOPICS.status("node-1", "accelerator-ssd"), will, 1, false);
                await().atMost(WAIT).until(() -> coordinator.inbound().get(InboundEvent.STALE_WILL) == 1);
                assertEquals(ServiceState.READY, statuses.getLast().message().state(), "the old Will changed nothing");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.saccade.runtime.testing.TestBrokers#both")
    void shouldNotCarryAHeartbeatANodePublishesWhateverItsKey(final TestBrokers.Kind kind) throws Exception {
        final List<MessageOpener.Opened<MemberHeartbeat>> heartbeats = new CopyOnWriteArrayList<>();
        try (TestBroker broker = kind.start(dir);
             SignedMqtt coordinator = start(broker, "coordinator", "node-1/coordinator-a", KeyRole.CLUSTER, BOTH);
             SignedMqtt node = start(broker, "node-1", "node-1/coordinator-x", KeyRole.CLUSTER,
                 Map.of(KeyRole.CLUSTER, KeyRing.of(CLUSTER)));
             SignedMqtt other = start(broker, "coordinator", "node-2/coordinator-b", KeyRole.CLUSTER,
                 Map.of(KeyRole.CLUSTER, KeyRing.of(CLUSTER)))) {
            coordinator.subscribe(TOPICS.allMembers(), 0, MemberHeartbeat.class, heartbeats::add);
            node.publish(heartbeat("coordinator-x", "node-1"), 0, false); // refused by the broker's ACL
            await().atMost(WAIT).until(() -> {
                other.publish(heartbeat("coordinator-b", "node-2"), 0, false);
                return !heartbeats.isEmpty();
            });

            assertTrue(heartbeats.stream().allMatch(opened -> opened.message().member().equals("coordinator-b")),
                "a node's user may not heartbeat, signed or not: " + heartbeats);
        }
    }

    /** node-1's accelerator, with its signed Will, as the service runs it. */
    private SignedMqtt accelerator(final TestBroker broker) throws InterruptedException {
        final SignedMqtt node = SignedMqtt.start(broker.settings("node-1"), identity("node-1/accelerator-ssd",
                KeyRole.CLUSTER, Map.of(KeyRole.CLUSTER, KeyRing.of(CLUSTER))), TOPICS,
            () -> offline("node-1", "accelerator-ssd"), connected -> { }, () -> { }, events, Clock.systemUTC());
        assertTrue(node.port().awaitConnected(WAIT));
        return node;
    }

    private SignedMqtt start(final TestBroker broker, final String user, final String sender, final KeyRole role,
                             final Map<KeyRole, KeyRing> keys) throws InterruptedException {
        final SignedMqtt mqtt = SignedMqtt.start(broker.settings(user), identity(sender, role, keys), TOPICS, null,
            connected -> { }, () -> { }, events, Clock.systemUTC());
        assertTrue(mqtt.port().awaitConnected(WAIT), sender + " connected");
        return mqtt;
    }

    private PahoMqttPort plain(final TestBroker broker, final String user, final String clientId)
        throws InterruptedException {
        final PahoMqttPort port = PahoMqttPort.start(broker.settings(user), clientId, null, () -> { }, events);
        assertTrue(port.awaitConnected(WAIT));
        return port;
    }

    private static MqttIdentity identity(final String sender, final KeyRole role, final Map<KeyRole, KeyRing> keys) {
        return new MqttIdentity(sender, role, keys, 10_000);
    }

    private static ServiceStatus status(final String node, final String service, final ServiceRole role) {
        return new ServiceStatus(ServiceStatus.VERSION, node, service, role, ServiceState.READY, null, null, 0, 0, 0,
            0, 0, null, System.currentTimeMillis());
    }

    private static ServiceStatus offline(final String node, final String service) {
        return new ServiceStatus(ServiceStatus.VERSION, node, service, ServiceRole.ACCELERATOR, ServiceState.OFFLINE,
            null, null, 0, 0, 0, 0, 0, "connection lost", System.currentTimeMillis());
    }

    private static MemberHeartbeat heartbeat(final String member, final String node) {
        return new MemberHeartbeat(MemberHeartbeat.VERSION, member, node, 1, MemberState.ALIVE, 0, 0, false,
            System.currentTimeMillis());
    }
}

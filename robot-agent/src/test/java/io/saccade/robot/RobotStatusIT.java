package io.saccade.robot;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.saccade.protocol.auth.KeyRole;
import io.saccade.protocol.auth.MessageAuthenticator;
import io.saccade.protocol.decision.DecisionDatagram;
import io.saccade.protocol.message.Action;
import io.saccade.protocol.message.Decision;
import io.saccade.protocol.message.DecisionTimings;
import io.saccade.protocol.message.LeaderStamp;
import io.saccade.protocol.message.MessageCodec;
import io.saccade.protocol.message.ServiceRole;
import io.saccade.protocol.message.ServiceState;
import io.saccade.protocol.message.ServiceStatus;
import io.saccade.protocol.mqtt.TopicTree;
import io.saccade.protocol.time.NanoClock;
import io.saccade.runtime.config.ConfigLoader;
import io.saccade.runtime.config.KeysConfig;
import io.saccade.runtime.mqtt.MessageOpener;
import io.saccade.runtime.mqtt.MqttConfig;
import io.saccade.runtime.mqtt.MqttEvent;
import io.saccade.runtime.mqtt.MqttIdentity;
import io.saccade.runtime.mqtt.SignedMqtt;
import io.saccade.runtime.telemetry.EnumCounters;
import io.saccade.runtime.testing.MosquittoBroker;
import io.saccade.runtime.testing.TestKeys;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The robot's retained status on a real broker: signed with the robot's key (which may vouch for nothing else),
 * STARTING, then READY once decisions are applied, OFFLINE when it stops.
 */
class RobotStatusIT {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    @Test
    void shouldPublishASignedRetainedStatusThatFollowsTheDecisions() throws Exception {
        final List<MessageOpener.Opened<ServiceStatus>> statuses = new CopyOnWriteArrayList<>();
        try (MosquittoBroker broker = MosquittoBroker.start(dir.resolve("broker"));
             SignedMqtt observer = TestKeys.client(broker, "observer", "observer", KeyRole.CLUSTER)) {
            observer.subscribe(new TopicTree(TopicTree.DEFAULT_PREFIX).allStatus(), 1, ServiceStatus.class,
                statuses::add);
            final RobotConfig settings = settings(broker.settings("robot-1"));
            try (RobotControl robot = RobotControl.start(settings, MqttIdentity.load("robot-1/robot", KeyRole.ROBOT,
                     settings.keys()), 0, NanoClock.system(), Clock.systemUTC(),
                     new EnumCounters<>(MqttEvent.class), (decision, arrived) -> { });
                 DatagramChannel leader = DatagramChannel.open()) {
                await().atMost(WAIT).until(() -> last(statuses, ServiceState.STARTING));
                final DecisionDatagram signer = new DecisionDatagram(new MessageAuthenticator(TestKeys.ROBOT));
                final InetSocketAddress to = new InetSocketAddress("127.0.0.1", robot.port());
                await().atMost(WAIT).until(() -> {
                    final long now = System.nanoTime();
                    final Decision decision = new Decision(1, now, now - 5_000_000, Action.GO, "test", List.of(),
                        List.of(), new LeaderStamp("coordinator-a", 5), new DecisionTimings(now - 4_000_000, now));
                    leader.send(signer.write(ByteBuffer.allocate(4096), 1, decision.frameSeq(), 5,
                        new MessageCodec().encode(decision)), to);
                    return last(statuses, ServiceState.READY);
                });
            }
            await().atMost(WAIT).until(() -> last(statuses, ServiceState.OFFLINE));
        }
        final MessageOpener.Opened<ServiceStatus> offline = statuses.getLast();
        assertEquals(KeyRole.ROBOT, offline.role(), "signed with the robot's key");
        assertEquals("robot-1/robot", offline.sender());
        assertEquals(ServiceRole.ROBOT, offline.message().role());
        assertEquals("stopped", offline.message().detail());
        assertTrue(offline.message().processed() > 0, "decisions applied: " + offline.message());
    }

    private static boolean last(final List<MessageOpener.Opened<ServiceStatus>> statuses, final ServiceState state) {
        return !statuses.isEmpty() && statuses.getLast().message().state() == state;
    }

    private RobotConfig settings(final MqttConfig mqtt) throws Exception {
        final KeysConfig keys = TestKeys.files(dir.resolve("keys"));
        final Map<String, Object> overrides = new HashMap<>();
        overrides.put("keys.robot.file", keys.robot().file());
        overrides.put("control.decisionBind", "127.0.0.1:0");
        overrides.put("mqtt.uri", mqtt.uri());
        overrides.put("mqtt.username", mqtt.username());
        overrides.put("mqtt.passwordFile", mqtt.passwordFile());
        overrides.put("statusMillis", 100);
        return new ConfigLoader().load(RobotConfig.DEFAULTS, null, overrides);
    }
}

package io.saccade.coordinator.service;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.saccade.coordinator.CoordinatorEvent;
import io.saccade.coordinator.policy.Policy;
import io.saccade.coordinator.testing.ClusterSide;
import io.saccade.coordinator.testing.RobotSide;
import io.saccade.coordinator.testing.ThumbnailFeed;
import io.saccade.protocol.auth.KeyRole;
import io.saccade.protocol.message.Action;
import io.saccade.protocol.message.Box;
import io.saccade.protocol.message.Decision;
import io.saccade.protocol.message.DecisionLabel;
import io.saccade.protocol.message.Detection;
import io.saccade.protocol.message.LeaderStamp;
import io.saccade.protocol.message.MessageCodec;
import io.saccade.protocol.message.ServiceState;
import io.saccade.protocol.message.WorkPlan;
import io.saccade.protocol.mqtt.TopicTree;
import io.saccade.protocol.time.NanoClock;
import io.saccade.robot.control.DecisionEvent;
import io.saccade.runtime.mqtt.SignedMqtt;
import io.saccade.runtime.testing.MosquittoBroker;
import io.saccade.runtime.testing.TestBroker;
import io.saccade.runtime.testing.TestKeys;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Coordinator replicas in this JVM against real brokers, the node's real thumbnail ring and the robot's real side. */
class CoordinatorServiceIT {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String SSD = "ssd-mobilenetv2-oidv4";
    private static final TopicTree TOPICS = new TopicTree(TopicTree.DEFAULT_PREFIX);

    @TempDir
    Path dir;

    private final MessageCodec codec = new MessageCodec();
    private ThumbnailFeed feed;
    private RobotSide robot;

    @BeforeEach
    void startNode() throws Exception {
        feed = ThumbnailFeed.start(dir.resolve("shm"), TimeUnit.MILLISECONDS.toNanos(10));
        robot = RobotSide.start(TestKeys.ROBOT);
    }

    @AfterEach
    void stopNode() {
        robot.close();
        feed.close();
    }

    @Test
    void shouldDecideEveryFrameWithTheResultsAndPublishOnMqttToo() throws Exception {
        try (MosquittoBroker broker = broker("broker");
             CoordinatorService leader = start("coordinator-a", broker);
             SignedMqtt client = observer(broker);
             ClusterSide node = ClusterSide.ready(broker, "node-1", SSD)) {
            final List<Decision> published = new CopyOnWriteArrayList<>();
            client.subscribeUnsigned(TOPICS.allDecisions(), 0, (topic, payload) -> published.add(decode(payload)));
            final RobotSide.Applied first = robot.await(applied -> true, WAIT);
            assertEquals(Action.STOP, first.decision().action(), "no SSD result yet: fail-safe");

            final ThumbnailFeed.Frame frame = feed.newest();
            final long seq = frame.seq();
            node.result(frame, List.of(new Detection("Dog", 20, 0.9f, new Box(0.05f, 0.05f, 0.2f, 0.2f))));

            final RobotSide.Applied withLabel = robot.await(applied -> !applied.decision().labels().isEmpty(), WAIT);
            final DecisionLabel label = withLabel.decision().labels().getFirst();
            assertEquals("Dog", label.label());
            assertEquals(seq, label.sourceFrameSeq());
            assertTrue(label.effective(), "the feed's frames do not change");
            assertEquals(Action.GO, withLabel.decision().action(), "a dog outside the path");
            await().atMost(WAIT).until(() -> published.stream().anyMatch(decision ->
                decision.frameSeq() == withLabel.frameSeq()));
            assertEquals(0, leader.events().get(CoordinatorEvent.UDP_FAILED));

            final String metrics = scrape(leader);
            assertTrue(metrics.contains("saccade_coordinator_events_total{event=\"decided\"}"), metrics);
            assertTrue(metrics.contains("saccade_coordinator_leader_epoch " + (double)withLabel.leader().epoch())
                || metrics.contains("saccade_coordinator_leader_epoch " + withLabel.leader().epoch()), metrics);
            assertFalse(metrics.contains("saccade_coordinator_ready_to_decided_seconds_count 0"), metrics);
        }
    }

    @Test
    void shouldLetTheRobotApplyOnlyTheHigherEpochWhenTwoPartitionedLeadersDecideAtOnce() throws Exception {
        try (MosquittoBroker left = broker("left");
             MosquittoBroker right = broker("right");
             CoordinatorService a = start("coordinator-a", left)) {
            final LeaderStamp first = robot.await(applied -> true, WAIT).leader();
            try (CoordinatorService b = start("coordinator-b", right)) {
                final RobotSide.Applied fromB = robot.await(applied -> applied.leader().leader().equals(
                    "coordinator-b"), WAIT);
                assertTrue(fromB.leader().supersedes(first));
                assertTrue(a.election().leadership() != null, "a cannot see b: both believe they lead");
                robot.await(applied -> applied.frameSeq() > fromB.frameSeq() + 30, WAIT);
                await().atMost(WAIT).until(() -> robot.count(DecisionEvent.STALE_EPOCH) > 0);

                final List<RobotSide.Applied> applied = robot.applied();
                final int switchover = applied.indexOf(fromB);
                assertTrue(applied.subList(switchover, applied.size()).stream()
                    .allMatch(decision -> decision.leader().equals(fromB.leader())), "a was fenced off");
                final Set<Long> frames = new HashSet<>();
                assertTrue(applied.stream().allMatch(decision -> frames.add(decision.frameSeq())));
                assertTrue(b.events().get(CoordinatorEvent.DECIDED) > 0 && a.events().get(
                    CoordinatorEvent.DECIDED) > 0);
            }
        }
    }

    @Test
    void shouldStopDecidingWhenTheBrokerIsLostAndComeBackInAHigherEpoch() throws Exception {
        try (MosquittoBroker broker = broker("broker");
             CoordinatorService leader = start("coordinator-a", broker)) {
            final LeaderStamp before = robot.await(applied -> true, WAIT).leader();

            broker.kill();
            await().atMost(WAIT).until(() -> leader.events().get(CoordinatorEvent.FOLLOWING) > 0);
            final int appliedWhenDeposed = robot.applied().size();
            final long following = leader.events().get(CoordinatorEvent.FOLLOWING);
            await().atMost(WAIT).until(() -> leader.events().get(CoordinatorEvent.FOLLOWING) > following + 20);
            assertEquals(appliedWhenDeposed, robot.applied().size(), "no decision without the broker");
            assertEquals(1, leader.events().get(CoordinatorEvent.STEPPED_DOWN));

            broker.restart();
            final RobotSide.Applied after = robot.await(applied -> applied.leader().supersedes(before), WAIT);
            assertEquals("coordinator-a", after.leader().leader());
        }
    }

    @Test
    void shouldSplitAModelBetweenItsNodesAndAdaptWhenOneGoes() throws Exception {
        try (MosquittoBroker broker = broker("broker");
             CoordinatorService leader = start("coordinator-a", broker);
             SignedMqtt client = observer(broker)) {
            final List<WorkPlan> plans = new CopyOnWriteArrayList<>();
            client.subscribe(TOPICS.allPlans(), 1, WorkPlan.class, opened -> plans.add(opened.message()));
            robot.await(applied -> true, WAIT);

            try (ClusterSide first = ClusterSide.ready(broker, "node-1", "ssd");
                 ClusterSide second = ClusterSide.ready(broker, "node-2", "ssd")) {
                await().atMost(WAIT).until(() -> !plans.isEmpty() && plans.getLast().nodes().size() == 2);
                assertTrue(second.mqtt().isConnected());
                assertEquals(List.of("node-1", "node-2"), plans.getLast().nodes());
                assertEquals(leader.election().leadership(), plans.getLast().leader());

                first.status(ServiceState.OFFLINE);
                await().atMost(WAIT).until(() -> plans.getLast().nodes().equals(List.of("node-2")));
                assertFalse(plans.getLast().assigns("node-1", 0));
            }
        }
    }

    @Test
    void shouldHandLeadershipToAMemberWhoseNodeStillGetsFramesWhenTheLeadersNodeLosesThem() throws Exception {
        try (MosquittoBroker broker = broker("broker");
             CoordinatorService a = start("coordinator-a", broker)) {
            final LeaderStamp first = robot.await(applied -> true, WAIT).leader();
            assertEquals("coordinator-a", first.leader());
            try (ThumbnailFeed otherNode = ThumbnailFeed.start(dir.resolve("shm-2"), TimeUnit.MILLISECONDS.toNanos(10),
                     1_000_000);
                 CoordinatorService b = start("coordinator-b", "node-2", dir.resolve("shm-2"), broker)) {
                await().atMost(WAIT).until(() -> b.events().get(CoordinatorEvent.FOLLOWING) > 10);
                feed.close(); // node-1's preprocess dies

                final RobotSide.Applied fromB = robot.await(applied -> applied.leader().leader().equals(
                    "coordinator-b"), WAIT);
                assertTrue(fromB.leader().supersedes(first));
                assertEquals(1, a.events().get(CoordinatorEvent.STEPPED_DOWN));
                assertTrue(otherNode.newestSeq() > 0);
            }
        }
    }

    private CoordinatorService start(final String member, final TestBroker broker) throws Exception {
        return start(member, "node-1", dir.resolve("shm"), broker);
    }

    private CoordinatorService start(final String member, final String node, final Path shm,
                                     final TestBroker broker) throws Exception {
        final CoordinatorConfig config = new CoordinatorConfig(member, node, shm.toString(),
            broker.settings("coordinator"), TopicTree.DEFAULT_PREFIX, new CoordinatorConfig.Election(100, 300), "",
            List.of(new CoordinatorConfig.Robot(1, robot.address())), TestKeys.files(dir.resolve("keys")), 64, 3_000,
            "127.0.0.1:0", "", 30);
        return CoordinatorService.start(config, Policy.DEFAULTS, NanoClock.system(), Clock.systemUTC());
    }

    private static String scrape(final CoordinatorService service) throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.healthPort()
                + "/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
        }
    }

    private MosquittoBroker broker(final String name) throws Exception {
        return MosquittoBroker.start(Files.createDirectories(dir.resolve(name)));
    }

    private static SignedMqtt observer(final TestBroker broker) throws InterruptedException {
        return TestKeys.client(broker, "observer", "observer", KeyRole.CLUSTER);
    }

    private Decision decode(final byte[] payload) {
        try {
            return codec.decode(payload, Decision.class);
        } catch (final Exception ex) {
            throw new AssertionError(ex);
        }
    }
}

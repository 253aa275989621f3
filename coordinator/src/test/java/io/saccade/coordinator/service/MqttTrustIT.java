package io.saccade.coordinator.service;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.saccade.coordinator.CoordinatorEvent;
import io.saccade.coordinator.merge.ResultVerdict;
import io.saccade.coordinator.policy.Policy;
import io.saccade.coordinator.testing.ClusterSide;
import io.saccade.coordinator.testing.RobotSide;
import io.saccade.coordinator.testing.ThumbnailFeed;
import io.saccade.protocol.auth.KeyRing;
import io.saccade.protocol.auth.MacKey;
import io.saccade.protocol.auth.MessageAuthenticator;
import io.saccade.protocol.auth.MessageCounter;
import io.saccade.protocol.message.Action;
import io.saccade.protocol.message.Box;
import io.saccade.protocol.message.DecisionLabel;
import io.saccade.protocol.message.Detection;
import io.saccade.protocol.message.InferenceResult;
import io.saccade.protocol.message.LeaderAnnouncement;
import io.saccade.protocol.message.LeaderStamp;
import io.saccade.protocol.message.MemberHeartbeat;
import io.saccade.protocol.message.MemberState;
import io.saccade.protocol.message.Message;
import io.saccade.protocol.message.MessageCodec;
import io.saccade.protocol.message.ResultTimings;
import io.saccade.protocol.message.WorkPlan;
import io.saccade.protocol.mqtt.EnvelopeVerdict;
import io.saccade.protocol.mqtt.SignedEnvelope;
import io.saccade.protocol.mqtt.TopicTree;
import io.saccade.protocol.time.NanoClock;
import io.saccade.runtime.mqtt.InboundEvent;
import io.saccade.runtime.mqtt.MqttEvent;
import io.saccade.runtime.mqtt.PahoMqttPort;
import io.saccade.runtime.telemetry.EnumCounters;
import io.saccade.runtime.testing.TestBroker;
import io.saccade.runtime.testing.TestBrokers;
import io.saccade.runtime.testing.TestKeys;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A leading coordinator on a real broker (the embedded one, then Mosquitto) takes genuine results of a dog beside the
 * path while everything an attacker can put on the bus arrives too: unsigned, mutated, replayed and wrongly keyed
 * results, heartbeats and plans, and, from a holder of the cluster key, far-future counters, epochs and frames, a
 * wrong capture time and a node outside the plan. The forged results report a person in the robot's path; had one
 * been believed, a decision would say STOP or carry a forged label. Every refusal is counted by its reason, and
 * every decision is the one the genuine results alone make: GO, with the dog, from the same leadership.
 */
class MqttTrustIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String SSD = "ssd-mobilenetv2-oidv4";
    private static final TopicTree TOPICS = new TopicTree(TopicTree.DEFAULT_PREFIX);
    private static final List<Detection> DOG = List.of(new Detection("Dog", 20, 0.9f,
        new Box(0.02f, 0.02f, 0.15f, 0.15f)));
    private static final List<Detection> PERSON_IN_PATH = List.of(new Detection("Person", 1, 0.99f,
        new Box(0.4f, 0.5f, 0.6f, 0.95f)));
    private static final long HOUR_MILLIS = TimeUnit.HOURS.toMillis(1);

    @TempDir
    Path dir;

    private final MessageCodec codec = new MessageCodec();
    private final EnumCounters<MqttEvent> mqttEvents = new EnumCounters<>(MqttEvent.class);
    private final List<byte[]> genuineEnvelopes = new CopyOnWriteArrayList<>();
    private final List<byte[]> recordedHeartbeats = new CopyOnWriteArrayList<>();
    private final Set<Long> genuineFrames = ConcurrentHashMap.newKeySet();
    private final MessageCounter counter = new MessageCounter(() -> System.currentTimeMillis() * 1_000);

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.saccade.runtime.testing.TestBrokers#both")
    void shouldDecideFromGenuineEvidenceOnlyAndCountEveryForgeryByReason(final TestBrokers.Kind kind)
        throws Exception {
        try (TestBroker broker = kind.start(dir.resolve("broker"));
             ThumbnailFeed feed = ThumbnailFeed.start(dir.resolve("shm"), TimeUnit.MILLISECONDS.toNanos(10));
             RobotSide robot = RobotSide.start(TestKeys.ROBOT);
             CoordinatorService leader = start(broker, robot);
             ClusterSide node = ClusterSide.ready(broker, "node-1", SSD);
             PahoMqttPort recorder = raw(broker, "observer", "recorder");
             PahoMqttPort asNode1 = raw(broker, "node-1", "node-1/intruder");
             PahoMqttPort asNode2 = raw(broker, "node-2", "node-2/intruder");
             PahoMqttPort asCoordinator = raw(broker, "coordinator", "node-9/coordinator-0");
             Genuine genuine = new Genuine(node, feed)) {
            recorder.subscribe(TOPICS.allResults(), 0, (topic, payload) -> {
                if (SignedEnvelope.check(payload) == EnvelopeVerdict.VALID
                    && SignedEnvelope.sender(payload).equals("node-1/accelerator-" + SSD)) {
                    genuineEnvelopes.add(payload); // what a client of the broker can record
                }
            });
            recorder.subscribe(TOPICS.allMembers(), 0, (topic, payload) -> recordedHeartbeats.add(payload));
            final RobotSide.Applied baseline = robot.await(applied -> applied.decision().labels().stream()
                .anyMatch(label -> label.label().equals("Dog")), WAIT);
            final LeaderStamp leadership = baseline.leader();
            await().atMost(WAIT).until(() -> genuineEnvelopes.size() >= 3 && recordedHeartbeats.size() >= 3);

            forgeResultsWithoutTheKey(asNode1, asNode2, feed);
            forgeResultsWithTheClusterKey(asNode1, asNode2, genuine.seen());
            forgeLeadershipAndPlans(asCoordinator);
            awaitEveryRefusal(leader);
            final int afterAttacks = robot.applied().size();
            robot.await(applied -> robot.applied().size() > afterAttacks + 30, WAIT);

            final List<RobotSide.Applied> applied = robot.applied();
            for (final RobotSide.Applied decision : applied.subList(applied.indexOf(baseline), applied.size())) {
                assertEquals(Action.GO, decision.decision().action(), decision.decision().toString());
                assertEquals(leadership, decision.leader(), "the leadership never changed");
                for (final DecisionLabel label : decision.decision().labels()) {
                    assertEquals("Dog", label.label(), decision.decision().toString());
                    assertTrue(genuineFrames.contains(label.sourceFrameSeq()), "label from a genuine result only: "
                        + label);
                }
            }
            assertTrue(genuine.running, "genuine results flowed all along");
            final String metrics = scrape(leader);
            for (final String refused : List.of("mqtt_inbound_total{event=\"unsigned\"}",
                "mqtt_inbound_total{event=\"bad_mac\"}", "mqtt_inbound_total{event=\"replayed\"}",
                "results_total{event=\"future_frame\"}", "events_total{event=\"future_epoch\"}")) {
                assertTrue(metrics.lines().anyMatch(line -> line.startsWith("saccade_coordinator_" + refused)
                    && !line.endsWith(" 0.0")), "on /metrics by reason: " + refused);
            }
            assertEquals(0, leader.events().get(CoordinatorEvent.STEPPED_DOWN));
            assertEquals(leadership, leader.election().leadership());
        }
    }

    /** What a client of the broker without the cluster key can do: unsigned, re-signed, mutated, replayed. */
    private void forgeResultsWithoutTheKey(final PahoMqttPort asNode1, final PahoMqttPort asNode2,
                                           final ThumbnailFeed feed) {
        final InferenceResult onNode2 = person(feed.newest(), "node-2");
        final String node2Topic = TOPICS.of(onNode2);
        asNode2.publish(node2Topic, codec.encode(onNode2), 0, false);
        asNode2.publish(node2Topic, seal(MacKey.of(2, new byte[32]), node2Topic, "node-2/x", onNode2), 0, false);
        asNode2.publish(node2Topic, seal(MacKey.of(9, new byte[32]), node2Topic, "node-2/x", onNode2), 0, false);
        asNode2.publish(node2Topic, seal(TestKeys.ROBOT, node2Topic, "node-2/x", onNode2), 0, false);

        final String node1Topic = TOPICS.results(1, SSD, "node-1");
        final byte[] mutated = genuineEnvelopes.getLast().clone();
        mutated[SignedEnvelope.payloadOffset(mutated) + 20] ^= 0x01;
        asNode1.publish(node1Topic, mutated, 0, false);
        asNode1.publish(node1Topic, genuineEnvelopes.getFirst(), 0, false); // a replay of the first genuine result
    }

    /** What a holder of the cluster key can still try that plausibility and the clock bounds refuse. */
    private void forgeResultsWithTheClusterKey(final PahoMqttPort asNode1, final PahoMqttPort asNode2,
                                               final ThumbnailFeed.Frame now) {
        final String node1Topic = TOPICS.results(1, SSD, "node-1");
        asNode1.publish(node1Topic, seal(TestKeys.CLUSTER, node1Topic, "node-1/rogue", person(
            new ThumbnailFeed.Frame(now.seq() + 1_000_000, now.captureNanos() + TimeUnit.HOURS.toNanos(3)),
            "node-1")), 0, false);
        asNode1.publish(node1Topic, seal(TestKeys.CLUSTER, node1Topic, "node-1/rogue", person(
            new ThumbnailFeed.Frame(now.seq(), now.captureNanos() + 1), "node-1")), 0, false);
        final InferenceResult outsideThePlan = person(now, "node-2");
        asNode2.publish(TOPICS.of(outsideThePlan), seal(TestKeys.CLUSTER, TOPICS.of(outsideThePlan), "node-2/rogue",
            outsideThePlan), 0, false);
        final byte[] futureCounter = SignedEnvelope.seal(new MessageAuthenticator(KeyRing.of(TestKeys.CLUSTER)),
            node1Topic, "node-1/rogue-2", (System.currentTimeMillis() + HOUR_MILLIS) * 1_000, 0, false,
            codec.encode(person(now, "node-1")));
        asNode1.publish(node1Topic, futureCounter, 0, false);
    }

    /** Leadership and plans: unsigned, replayed, and signed with epochs an hour ahead. */
    private void forgeLeadershipAndPlans(final PahoMqttPort asCoordinator) {
        final long farFuture = System.currentTimeMillis() + HOUR_MILLIS;
        final MemberHeartbeat claim = new MemberHeartbeat(MemberHeartbeat.VERSION, "coordinator-0", "node-9", 1,
            MemberState.ALIVE, Long.MAX_VALUE - 1, Long.MAX_VALUE - 1, true, 0);
        asCoordinator.publish(TOPICS.of(claim), codec.encode(claim), 0, false);
        asCoordinator.publish(TOPICS.member("coordinator-a"), recordedHeartbeats.getFirst(), 0, false);
        final MemberHeartbeat future = new MemberHeartbeat(MemberHeartbeat.VERSION, "coordinator-0", "node-9", 1,
            MemberState.ALIVE, farFuture, farFuture, true, 0);
        publishSigned(asCoordinator, "node-9/coordinator-0", future);
        publishSigned(asCoordinator, "node-9/coordinator-0", new LeaderAnnouncement(LeaderAnnouncement.VERSION,
            new LeaderStamp("coordinator-0", farFuture), List.of("coordinator-0"), 0));
        final WorkPlan plan = new WorkPlan(WorkPlan.VERSION, SSD, new LeaderStamp("coordinator-0", farFuture),
            List.of("node-2"), 0);
        asCoordinator.publish(TOPICS.of(plan), codec.encode(plan), 1, false);
        publishSigned(asCoordinator, "node-9/coordinator-0", plan);
    }

    private void awaitEveryRefusal(final CoordinatorService leader) {
        try {
            awaitCounted(leader);
        } catch (final ConditionTimeoutException ex) {
            throw new AssertionError("not every refusal was counted: " + leader.inbound() + "; " + leader.results()
                + "; " + leader.events(), ex);
        }
    }

    private static void awaitCounted(final CoordinatorService leader) {
        await().atMost(WAIT).until(() -> leader.inbound().get(InboundEvent.UNSIGNED) >= 3
            && leader.inbound().get(InboundEvent.BAD_MAC) >= 2
            && leader.inbound().get(InboundEvent.UNKNOWN_KEY) >= 1
            && leader.inbound().get(InboundEvent.WRONG_KEY_ROLE) >= 1
            && leader.inbound().get(InboundEvent.REPLAYED) >= 2
            && leader.inbound().get(InboundEvent.FUTURE_COUNTER) >= 1
            && leader.results().get(ResultVerdict.FUTURE_FRAME) >= 1
            && leader.results().get(ResultVerdict.CAPTURE_MISMATCH) >= 1
            && leader.results().get(ResultVerdict.NOT_IN_PLAN) >= 1
            && leader.events().get(CoordinatorEvent.FUTURE_EPOCH) >= 3);
    }

    private void publishSigned(final PahoMqttPort port, final String sender, final Message message) {
        port.publish(TOPICS.of(message), seal(TestKeys.CLUSTER, TOPICS.of(message), sender, message), 1, false);
    }

    private byte[] seal(final MacKey key, final String topic, final String sender, final Message message) {
        return SignedEnvelope.seal(new MessageAuthenticator(key), topic, sender, counter.next(), 0, false,
            codec.encode(message));
    }

    private static InferenceResult person(final ThumbnailFeed.Frame frame, final String node) {
        return new InferenceResult(1, frame.seq(), frame.captureNanos(), SSD, node, "CPU",
            new ResultTimings(0, 0, 0, 0, 0), PERSON_IN_PATH);
    }

    private static String scrape(final CoordinatorService service) throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.healthPort()
                + "/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
        }
    }

    private CoordinatorService start(final TestBroker broker, final RobotSide robot) throws Exception {
        return CoordinatorService.start(new CoordinatorConfig("coordinator-a", "node-1",
            dir.resolve("shm").toString(), broker.settings("coordinator"), TopicTree.DEFAULT_PREFIX,
            new CoordinatorConfig.Election(100, 300), "", List.of(new CoordinatorConfig.Robot(1, robot.address())),
            TestKeys.files(dir.resolve("keys")), 64, 3_000, "127.0.0.1:0", "", 30), Policy.DEFAULTS,
            NanoClock.system(), Clock.systemUTC());
    }

    private PahoMqttPort raw(final TestBroker broker, final String user, final String clientId)
        throws InterruptedException {
        final PahoMqttPort port = PahoMqttPort.start(broker.settings(user), clientId, null, () -> { }, mqttEvents);
        assertTrue(port.awaitConnected(WAIT), clientId);
        return port;
    }

    /** node-1's accelerator: a genuine result about the newest frame every 40 ms, a dog beside the path. */
    private final class Genuine implements AutoCloseable {
        private final Thread thread;
        private final List<ThumbnailFeed.Frame> published = new CopyOnWriteArrayList<>();
        private volatile boolean running = true;

        Genuine(final ClusterSide node, final ThumbnailFeed feed) {
            thread = Thread.ofPlatform().daemon().name("genuine-results").start(() -> {
                while (running) {
                    final ThumbnailFeed.Frame frame = feed.newest();
                    if (frame != null) {
                        genuineFrames.add(frame.seq());
                        node.result(frame, DOG);
                        published.add(frame);
                    }
                    try {
                        Thread.sleep(40);
                    } catch (final InterruptedException ex) {
                        return;
                    }
                }
            });
        }

        /** @return a frame results were published about 80 ms ago or more: the coordinator has seen it. */
        ThumbnailFeed.Frame seen() {
            return published.get(published.size() - 3);
        }

        @Override
        public void close() {
            running = false;
            thread.interrupt();
        }
    }
}

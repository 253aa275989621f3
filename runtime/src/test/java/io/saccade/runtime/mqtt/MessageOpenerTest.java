package io.saccade.runtime.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.saccade.protocol.auth.KeyRing;
import io.saccade.protocol.auth.KeyRole;
import io.saccade.protocol.auth.MacKey;
import io.saccade.protocol.auth.MessageAuthenticator;
import io.saccade.protocol.auth.MessageCounter;
import io.saccade.protocol.auth.ReplayGuard;
import io.saccade.protocol.message.LeaderStamp;
import io.saccade.protocol.message.MessageCodec;
import io.saccade.protocol.message.ServiceRole;
import io.saccade.protocol.message.ServiceState;
import io.saccade.protocol.message.ServiceStatus;
import io.saccade.protocol.message.WorkPlan;
import io.saccade.protocol.mqtt.SignedEnvelope;
import io.saccade.protocol.mqtt.TopicTree;
import io.saccade.runtime.telemetry.EnumCounters;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class MessageOpenerTest {
    private static final TopicTree TOPICS = new TopicTree(TopicTree.DEFAULT_PREFIX);
    private static final MacKey CLUSTER = MacKey.of(2, new byte[32]);
    private static final MacKey ROBOT = MacKey.of(1, "robot-key-0123456789abcdef-012345".getBytes(
        StandardCharsets.US_ASCII));
    private static final long NOW = 1_800_000_000_000_000L;

    private final AtomicLong clock = new AtomicLong(NOW);
    private final EnumCounters<InboundEvent> events = new EnumCounters<>(InboundEvent.class);
    private final MessageOpener opener = new MessageOpener(Map.of(KeyRole.CLUSTER, KeyRing.of(CLUSTER),
        KeyRole.ROBOT, KeyRing.of(ROBOT)), TOPICS, new ReplayGuard(8, 10_000_000), clock::get, events);
    private final MessageSealer leader = new MessageSealer("node-1/coord-a", KeyRing.of(CLUSTER),
        new MessageCounter(clock::get));
    private final MessageCodec codec = new MessageCodec();

    @Test
    void shouldOpenWhatItsSenderSealedForItsTopic() {
        final WorkPlan plan = plan("ssd");
        final MessageOpener.Opened<WorkPlan> opened = opener.open(TOPICS.plan("ssd"), seal(TOPICS.plan("ssd"), plan),
            WorkPlan.class);

        assertNotNull(opened);
        assertEquals(plan, opened.message());
        assertEquals("node-1/coord-a", opened.sender());
        assertEquals(KeyRole.CLUSTER, opened.role());
        assertEquals(1, events.get(InboundEvent.ACCEPTED));
    }

    @Test
    void shouldRefuseAMessageSignedForTheTopicItArrivedOnThatBelongsOnAnother() {
        final String face = TOPICS.plan("face");

        assertNull(opener.open(face, seal(face, plan("ssd")), WorkPlan.class));
        assertEquals(1, events.get(InboundEvent.WRONG_TOPIC));
    }

    @Test
    void shouldRefuseAuthenticJsonThatIsNotAValidMessage() {
        final String topic = TOPICS.plan("ssd");
        final byte[] envelope = leader.seal(topic, "{\"version\":1}".getBytes(StandardCharsets.UTF_8));

        assertNull(opener.open(topic, envelope, WorkPlan.class));
        assertEquals(1, events.get(InboundEvent.BAD_PAYLOAD));
    }

    @Test
    void shouldRefuseACounterFromTheFutureAndAKeyItDoesNotHold() {
        final String topic = TOPICS.plan("ssd");
        final byte[] future = SignedEnvelope.seal(new MessageAuthenticator(CLUSTER), topic, "node-1/coord-a",
            NOW + 3_600_000_000L, 0, false, codec.encode(plan("ssd")));
        final byte[] unknown = SignedEnvelope.seal(new MessageAuthenticator(MacKey.of(9, new byte[32])), topic,
            "node-1/coord-a", NOW, 0, false, codec.encode(plan("ssd")));

        assertNull(opener.open(topic, future, WorkPlan.class));
        assertNull(opener.open(topic, unknown, WorkPlan.class));
        assertNull(opener.open(topic, codec.encode(plan("ssd")), WorkPlan.class));
        assertEquals(1, events.get(InboundEvent.FUTURE_COUNTER));
        assertEquals(1, events.get(InboundEvent.UNKNOWN_KEY));
        assertEquals(1, events.get(InboundEvent.UNSIGNED));
        assertNotNull(opener.open(topic, seal(topic, plan("ssd")), WorkPlan.class), "the real leader still gets in");
    }

    @Test
    void shouldLetTheRobotsKeyVouchForTheRobotsStatusOnly() {
        final MessageSealer robot = new MessageSealer("robot-1/robot", KeyRing.of(ROBOT),
            new MessageCounter(clock::get));
        final ServiceStatus own = status("robot-1", "robot", ServiceRole.ROBOT);
        final ServiceStatus forged = status("node-1", "accelerator-ssd", ServiceRole.ACCELERATOR);

        assertNotNull(opener.open(TOPICS.of(own), robot.seal(TOPICS.of(own), codec.encode(own)),
            ServiceStatus.class));
        assertNull(opener.open(TOPICS.of(forged), robot.seal(TOPICS.of(forged), codec.encode(forged)),
            ServiceStatus.class));
        assertNull(opener.open(TOPICS.plan("ssd"), robot.seal(TOPICS.plan("ssd"), codec.encode(plan("ssd"))),
            WorkPlan.class));
        assertEquals(2, events.get(InboundEvent.WRONG_KEY_ROLE));
    }

    @Test
    void shouldRefuseRingsThatShareAKeyId() {
        assertThrows(IllegalArgumentException.class, () -> new MessageOpener(Map.of(KeyRole.CLUSTER,
            KeyRing.of(CLUSTER), KeyRole.ROBOT, KeyRing.of(MacKey.of(2, new byte[32]))), TOPICS,
            new ReplayGuard(8, 0), clock::get, events));
    }

    private byte[] seal(final String topic, final WorkPlan plan) {
        return leader.seal(topic, codec.encode(plan));
    }

    private static WorkPlan plan(final String model) {
        return new WorkPlan(WorkPlan.VERSION, model, new LeaderStamp("coord-a", 7), List.of("node-1"), 0);
    }

    private static ServiceStatus status(final String node, final String service, final ServiceRole role) {
        return new ServiceStatus(ServiceStatus.VERSION, node, service, role, ServiceState.READY, null, null, 0, 0, 0,
            0, 0, null, 0);
    }
}

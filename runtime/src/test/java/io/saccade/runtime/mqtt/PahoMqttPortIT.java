package io.saccade.runtime.mqtt;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.saccade.runtime.telemetry.EnumCounters;
import io.saccade.runtime.testing.MosquittoBroker;
import io.saccade.runtime.testing.TestCertificates;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PahoMqttPortIT {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final MqttConfig FAST_RETRY = new MqttConfig("tcp://127.0.0.1:1", 2, 1_000, 50, 200, "", "",
        "");
    private static final String STATUS = "saccade/status/node-1/";

    @TempDir
    Path dir;

    private final EnumCounters<MqttEvent> counters = new EnumCounters<>(MqttEvent.class);
    private final Map<String, byte[]> received = new ConcurrentHashMap<>();

    @Test
    void shouldDeliverWhatItPublishesToSubscribers() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.start(dir);
             PahoMqttPort subscriber = connected(broker.settings("observer"), "sub", null, () -> { });
             PahoMqttPort publisher = connected(broker.settings("node-1"), "pub", null, () -> { })) {
            subscriber.subscribe("saccade/#", 0, received::put);
            await().atMost(WAIT).until(() -> {
                publisher.publish(STATUS + "a", bytes("hello"), 0, false);
                return received.containsKey(STATUS + "a");
            });

            assertArrayEquals(bytes("hello"), received.get(STATUS + "a"));
        }
    }

    @Test
    void shouldDropPublishesWhileTheBrokerIsDownAndResumeAfterItReturns() throws Exception {
        final AtomicInteger connects = new AtomicInteger();
        try (MosquittoBroker broker = MosquittoBroker.start(dir);
             PahoMqttPort port = connected(broker.settings("node-1"), "svc", null, connects::incrementAndGet);
             PahoMqttPort leader = connected(broker.settings("coordinator"), "obs", null, () -> { })) {
            port.subscribe("saccade/plans/ssd", 0, received::put);
            broker.kill();
            await().atMost(WAIT).until(() -> !port.isConnected());

            assertFalse(port.publish(STATUS + "svc", bytes("lost"), 0, false), "nothing is queued while away");
            assertEquals(1, counters.get(MqttEvent.DROPPED_DISCONNECTED));

            broker.restart();
            assertTrue(port.awaitConnected(WAIT), "reconnected with backoff");
            assertTrue(leader.awaitConnected(WAIT));
            await().atMost(WAIT).until(() -> connects.get() == 2);
            await().atMost(WAIT).until(() -> {
                leader.publish("saccade/plans/ssd", bytes("again"), 0, false);
                return received.containsKey("saccade/plans/ssd");
            });
            assertTrue(counters.get(MqttEvent.CONNECTION_LOST) >= 1);
        }
    }

    @Test
    void shouldKeepRetryingAFirstConnectionThatFails() throws Exception {
        try (PahoMqttPort port = PahoMqttPort.start(FAST_RETRY, "nobody", null, () -> { }, counters)) {
            await().atMost(WAIT).until(() -> counters.get(MqttEvent.CONNECT_FAILED) >= 3);

            assertFalse(port.isConnected());
            assertFalse(port.publish("results", bytes("x"), 0, false));
        }
    }

    @Test
    void shouldNotGetInWithoutAPasswordOrWithAnotherUsersPassword() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.start(dir);
             PahoMqttPort anonymous = PahoMqttPort.start(FAST_RETRY.withUri(broker.uri()), "anon", null, () -> { },
                 counters);
             PahoMqttPort borrowed = PahoMqttPort.start(broker.settings("node-1").withCredentials("coordinator",
                 broker.passwordFile("node-1").toString()), "borrowed", null, () -> { }, counters)) {
            await().atMost(WAIT).until(() -> counters.get(MqttEvent.CONNECT_FAILED) >= 4);

            assertFalse(anonymous.isConnected());
            assertFalse(borrowed.isConnected());
        }
    }

    @Test
    void shouldLeaveItsWillWhenItDiesWithoutDisconnectingAndAskForItBeforeEveryConnection() throws Exception {
        final AtomicInteger asked = new AtomicInteger();
        final Supplier<MqttWill> will = () -> new MqttWill(STATUS + "dying", bytes("offline-"
            + asked.incrementAndGet()));
        try (MosquittoBroker broker = MosquittoBroker.start(dir);
             PahoMqttPort observer = connected(broker.settings("observer"), "obs", null, () -> { })) {
            final PahoMqttPort dying = connected(broker.settings("node-1"), "dying", will, () -> { });
            observer.subscribe("saccade/status/#", 1, received::put);
            await().atMost(WAIT).until(() -> {
                dying.publish(STATUS + "dying", bytes("online"), 1, true);
                return received.containsKey(STATUS + "dying");
            });
            broker.kill();
            broker.restart();
            assertTrue(dying.awaitConnected(WAIT));
            assertTrue(observer.awaitConnected(WAIT));
            await().atMost(WAIT).until(() -> asked.get() >= 2);

            dying.abandon();

            await().atMost(WAIT).until(() -> ("offline-" + asked.get()).equals(new String(received.get(
                STATUS + "dying"), StandardCharsets.UTF_8)));
        }
    }

    @Test
    void shouldNotFireTheWillOnACleanClose() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.start(dir);
             PahoMqttPort observer = connected(broker.settings("observer"), "obs", null, () -> { })) {
            final PahoMqttPort leaving = connected(broker.settings("node-1"), "leaving",
                () -> new MqttWill(STATUS + "leaving", bytes("will")), () -> { });
            leaving.publish(STATUS + "leaving", bytes("bye"), 1, true);
            leaving.close();
            observer.subscribe("saccade/status/#", 1, received::put);
            await().atMost(WAIT).until(() -> received.containsKey(STATUS + "leaving"));
            final PahoMqttPort marker = connected(broker.settings("node-1"), "marker", null, () -> { });
            await().atMost(WAIT).until(() -> {
                marker.publish(STATUS + "marker", bytes("m"), 1, false);
                return received.containsKey(STATUS + "marker");
            });
            marker.close();

            assertEquals("bye", new String(received.get(STATUS + "leaving"), StandardCharsets.UTF_8),
                "the retained message is the last one published, not the Will");
        }
    }

    @Test
    void shouldConnectOverTlsToABrokerWhoseCertificateChainsToTheConfiguredCaOnly() throws Exception {
        final TestCertificates ours = TestCertificates.make(dir.resolve("tls"), "ours");
        final TestCertificates theirs = TestCertificates.make(dir.resolve("tls"), "theirs");
        try (MosquittoBroker broker = MosquittoBroker.start(dir, ours.listener())) {
            final MqttConfig tls = tls(broker, ours.ca());
            try (PahoMqttPort trusted = connected(tls, "tls", null, () -> { });
                 PahoMqttPort subscriber = connected(broker.settings("observer"), "plain", null, () -> { })) {
                subscriber.subscribe("saccade/#", 0, received::put);
                await().atMost(WAIT).until(() -> {
                    trusted.publish(STATUS + "tls", bytes("over tls"), 0, false);
                    return received.containsKey(STATUS + "tls");
                });
            }
            try (PahoMqttPort untrusted = PahoMqttPort.start(tls(broker, theirs.ca()), "untrusted", null, () -> { },
                counters)) {
                await().atMost(WAIT).until(() -> counters.get(MqttEvent.CONNECT_FAILED) >= 2);
                assertFalse(untrusted.isConnected(), "a certificate of another CA is refused");
            }
        }
        assertThrows(IllegalArgumentException.class, () -> PahoMqttPort.start(new MqttConfig("ssl://127.0.0.1:1",
            2, 1_000, 50, 200, "", "", dir.resolve("missing.crt").toString()), "x", null, () -> { }, counters));
    }

    private static MqttConfig tls(final MosquittoBroker broker, final Path ca) {
        final MqttConfig plain = broker.settings("node-1");
        return new MqttConfig(broker.tlsUri(), 2, 2_000, 50, 200, plain.username(), plain.passwordFile(),
            ca.toString());
    }

    private PahoMqttPort connected(final MqttConfig settings, final String id, final Supplier<MqttWill> will,
                                   final Runnable onConnected) throws InterruptedException {
        final PahoMqttPort port = PahoMqttPort.start(settings, id, will, onConnected, counters);
        assertTrue(port.awaitConnected(WAIT), id + " connected");
        return port;
    }

    private static byte[] bytes(final String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}

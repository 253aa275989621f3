package io.saccade.runtime.mqtt;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.saccade.runtime.telemetry.EnumCounters;
import io.saccade.runtime.testing.MosquittoBroker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PahoMqttPortIT {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final MqttSettings FAST_RETRY = new MqttSettings("tcp://127.0.0.1:1", 2, 1_000, 50, 200, "", "");

    @TempDir
    Path dir;

    private final EnumCounters<MqttEvent> counters = new EnumCounters<>(MqttEvent.class);
    private final Map<String, byte[]> received = new ConcurrentHashMap<>();

    @Test
    void shouldDeliverWhatItPublishesToSubscribers() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.start(dir);
             PahoMqttPort subscriber = connected(broker, "sub", null, () -> { });
             PahoMqttPort publisher = connected(broker, "pub", null, () -> { })) {
            subscriber.subscribe("t/#", 0, received::put);
            await().atMost(WAIT).until(() -> {
                publisher.publish("t/a", bytes("hello"), 0, false);
                return received.containsKey("t/a");
            });

            assertArrayEquals(bytes("hello"), received.get("t/a"));
        }
    }

    @Test
    void shouldDropPublishesWhileTheBrokerIsDownAndResumeAfterItReturns() throws Exception {
        final AtomicInteger connects = new AtomicInteger();
        try (MosquittoBroker broker = MosquittoBroker.start(dir);
             PahoMqttPort port = connected(broker, "svc", null, connects::incrementAndGet);
             PahoMqttPort observer = connected(broker, "obs", null, () -> { })) {
            port.subscribe("cmd", 0, received::put);
            broker.kill();
            await().atMost(WAIT).until(() -> !port.isConnected());

            assertFalse(port.publish("results", bytes("lost"), 0, false), "nothing is queued while away");
            assertEquals(1, counters.get(MqttEvent.DROPPED_DISCONNECTED));

            broker.restart();
            assertTrue(port.awaitConnected(WAIT), "reconnected with backoff");
            assertTrue(observer.awaitConnected(WAIT));
            await().atMost(WAIT).until(() -> connects.get() == 2);
            await().atMost(WAIT).until(() -> {
                observer.publish("cmd", bytes("again"), 0, false);
                return received.containsKey("cmd");
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
    void shouldLeaveItsWillWhenItDiesWithoutDisconnecting() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.start(dir);
             PahoMqttPort observer = connected(broker, "obs", null, () -> { })) {
            final PahoMqttPort dying = connected(broker, "dying", new MqttWill("status/dying", bytes("offline")),
                () -> { });
            observer.subscribe("status/#", 1, received::put);
            await().atMost(WAIT).until(() -> {
                dying.publish("status/dying", bytes("online"), 1, true);
                return received.containsKey("status/dying");
            });

            dying.abandon();

            await().atMost(WAIT).until(() -> "offline".equals(new String(received.get("status/dying"),
                StandardCharsets.UTF_8)));
        }
    }

    @Test
    void shouldNotFireTheWillOnACleanClose() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.start(dir);
             PahoMqttPort observer = connected(broker, "obs", null, () -> { })) {
            final PahoMqttPort leaving = connected(broker, "leaving", new MqttWill("status/leaving", bytes("will")),
                () -> { });
            leaving.publish("status/leaving", bytes("bye"), 1, true);
            leaving.close();
            observer.subscribe("status/#", 1, received::put);
            await().atMost(WAIT).until(() -> received.containsKey("status/leaving"));
            // The retained message a new subscriber gets is the last one published, not the Will.
            observer.subscribe("marker", 1, received::put);
            await().atMost(WAIT).until(() -> {
                observer.publish("marker", bytes("m"), 1, false);
                return received.containsKey("marker");
            });

            assertEquals("bye", new String(received.get("status/leaving"), StandardCharsets.UTF_8));
        }
    }

    private PahoMqttPort connected(final MosquittoBroker broker, final String id, final MqttWill will,
                                   final Runnable onConnected) throws InterruptedException {
        final PahoMqttPort port = PahoMqttPort.start(FAST_RETRY.withUri(broker.uri()), id, will, onConnected,
            counters);
        assertTrue(port.awaitConnected(WAIT), id + " connected");
        return port;
    }

    private static byte[] bytes(final String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}

package io.saccade.broker;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedBrokerIT {
    @TempDir
    Path dir;

    @Test
    void shouldDeliverRetainedMessagesAndWillsLikeTheClusterBroker() throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.start("127.0.0.1", freePort(), dir)) {
            final MqttClient dying = new MqttClient(broker.uri(), "dying", new MemoryPersistence());
            final MqttConnectOptions withWill = new MqttConnectOptions();
            withWill.setWill("saccade/status/n/s", "OFFLINE".getBytes(), 1, true);
            dying.connect(withWill);
            dying.publish("saccade/coordinators/leader", "leader".getBytes(), 1, true);

            final MqttClient watcher = new MqttClient(broker.uri(), "watcher", new MemoryPersistence());
            watcher.connect();
            final BlockingQueue<byte[]> received = new ArrayBlockingQueue<>(4);
            watcher.subscribe("saccade/#", 1, (topic, message) -> received.add(message.getPayload()));
            assertArrayEquals("leader".getBytes(), received.poll(10, TimeUnit.SECONDS), "retained");

            dying.disconnectForcibly(0, 100, false);
            dying.close(true);
            assertArrayEquals("OFFLINE".getBytes(), received.poll(10, TimeUnit.SECONDS), "the Will");
            watcher.disconnect();
            watcher.close();
        }
    }

    @Test
    void shouldSayWhenThePortIsTaken() throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) {
            final IOException thrown = assertThrows(IOException.class,
                () -> EmbeddedBroker.start("127.0.0.1", taken.getLocalPort(), dir));
            assertTrue(thrown.getMessage().contains("cannot listen on 127.0.0.1:" + taken.getLocalPort()));
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0)) {
            return probe.getLocalPort();
        }
    }
}

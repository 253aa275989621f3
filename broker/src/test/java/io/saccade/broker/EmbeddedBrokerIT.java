package io.saccade.broker;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttSecurityException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded broker with the project's own ACL file ({@code etc/broker/acl}) and users from password files. */
class EmbeddedBrokerIT {
    private static final Path ACL = Path.of(System.getProperty("saccade.root", ".."), "etc", "broker", "acl");

    @TempDir
    Path dir;

    private Path users;

    @BeforeEach
    void writeUsers() throws IOException {
        users = Files.createDirectories(dir.resolve("users"));
        for (final String user : new String[] {"coordinator", "observer", "node-1", "node-2"}) {
            Files.writeString(users.resolve(user), "password-of-" + user + "\n");
        }
    }

    @Test
    void shouldDeliverRetainedMessagesAndWillsLikeTheClusterBroker() throws Exception {
        try (EmbeddedBroker broker = start()) {
            final MqttClient dying = new MqttClient(broker.uri(), "node-1/x", new MemoryPersistence());
            final MqttConnectOptions withWill = options("node-1");
            withWill.setWill("saccade/status/node-1/x", "OFFLINE".getBytes(), 1, true);
            dying.connect(withWill);
            final MqttClient leader = connect(broker, "coordinator");
            leader.publish("saccade/coordinators/leader", "leader".getBytes(), 1, true);

            final MqttClient watcher = connect(broker, "observer");
            final BlockingQueue<byte[]> received = new ArrayBlockingQueue<>(4);
            watcher.subscribe("saccade/#", 1, (topic, message) -> received.add(message.getPayload()));
            assertArrayEquals("leader".getBytes(), received.poll(10, TimeUnit.SECONDS), "retained");

            dying.disconnectForcibly(0, 100, false);
            dying.close(true);
            assertArrayEquals("OFFLINE".getBytes(), received.poll(10, TimeUnit.SECONDS), "the Will");
            close(watcher, leader);
        }
    }

    @Test
    void shouldRefuseAnonymousClientsAndWrongPasswords() throws Exception {
        try (EmbeddedBroker broker = start()) {
            final MqttClient anonymous = new MqttClient(broker.uri(), "anonymous", new MemoryPersistence());
            assertThrows(MqttSecurityException.class, () -> anonymous.connect(new MqttConnectOptions()));
            final MqttConnectOptions wrong = options("node-1");
            wrong.setPassword("guess".toCharArray());
            final MqttClient guessing = new MqttClient(broker.uri(), "guessing", new MemoryPersistence());
            assertThrows(MqttSecurityException.class, () -> guessing.connect(wrong));
            final MqttConnectOptions stranger = options("node-1");
            stranger.setUserName("node-9");
            assertThrows(MqttSecurityException.class, () -> guessing.connect(stranger));

            final MqttClient known = connect(broker, "node-1");
            assertTrue(known.isConnected());
            close(known);
        }
    }

    @Test
    void shouldLetANodePublishItsOwnResultsAndStatusButNoHeartbeatOrOtherNodesStatus() throws Exception {
        try (EmbeddedBroker broker = start()) {
            final MqttClient coordinator = connect(broker, "coordinator");
            final BlockingQueue<String> seen = new ArrayBlockingQueue<>(16);
            coordinator.subscribe("saccade/#", 0, (topic, message) -> seen.add(topic));
            final MqttClient node = connect(broker, "node-1");

            node.publish("saccade/results/1/ssd/node-1", new byte[] {1}, 0, false);
            node.publish("saccade/status/node-1/accelerator-ssd", new byte[] {1}, 0, false);
            assertEquals("saccade/results/1/ssd/node-1", seen.poll(10, TimeUnit.SECONDS));
            assertEquals("saccade/status/node-1/accelerator-ssd", seen.poll(10, TimeUnit.SECONDS));

            assertRefused(node, "saccade/coordinators/members/coordinator-a");
            assertRefused(connect(broker, "node-1"), "saccade/status/node-2/accelerator-ssd");
            assertRefused(connect(broker, "node-1"), "saccade/results/1/ssd/node-2");
            assertRefused(connect(broker, "observer"), "saccade/plans/ssd");
            assertNull(seen.poll(500, TimeUnit.MILLISECONDS), "nothing refused reached a subscriber");

            coordinator.publish("saccade/coordinators/members/coordinator-a", new byte[] {1}, 0, false);
            assertEquals("saccade/coordinators/members/coordinator-a", seen.poll(10, TimeUnit.SECONDS));
            close(coordinator);
        }
    }

    @Test
    void shouldNotLetANodeSubscribeToTheResultsOfOthers() throws Exception {
        try (EmbeddedBroker broker = start()) {
            final MqttClient node = connect(broker, "node-2");
            final int[] granted = node.subscribeWithResponse("saccade/results/#", 0).getGrantedQos();
            assertEquals(0x80, granted[0], "refused: SUBACK failure");
            assertEquals(0, node.subscribeWithResponse("saccade/plans/ssd", 1).getGrantedQos()[0] & 0x80);
            close(node);
        }
    }

    @Test
    void shouldRefuseAnAclLineItDoesNotUnderstandNamingIt() {
        final IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
            () -> TopicAcl.parse(java.util.List.of("user a", "topic read x/#", "deny all"), "acl"));
        assertEquals("acl:3: unknown directive 'deny'; this broker reads user, topic and pattern lines",
            refused.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TopicAcl.parse(java.util.List.of("topic read x"), "acl"));
        assertThrows(IllegalArgumentException.class,
            () -> TopicAcl.parse(java.util.List.of("user a", "topic sometimes x"), "acl"));
    }

    @Test
    void shouldRefuseAnEmptyUsersDirectory() throws IOException {
        final Path empty = Files.createDirectories(dir.resolve("none"));
        assertThrows(IllegalArgumentException.class, () -> BrokerUsers.read(empty));
    }

    @Test
    void shouldSayWhenThePortIsTaken() throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) {
            final IOException thrown = assertThrows(IOException.class, () -> EmbeddedBroker.start("127.0.0.1",
                taken.getLocalPort(), dir, BrokerUsers.read(users), null));
            assertTrue(thrown.getMessage().contains("cannot listen on 127.0.0.1:" + taken.getLocalPort()));
        }
    }

    private EmbeddedBroker start() throws IOException {
        return EmbeddedBroker.start("127.0.0.1", freePort(), dir.resolve("broker"), BrokerUsers.read(users),
            TopicAcl.read(ACL));
    }

    /** HiveMQ disconnects an MQTT 3 client that publishes where it may not (Mosquitto drops the message). */
    private static void assertRefused(final MqttClient client, final String topic) throws MqttException {
        try {
            client.publish(topic, new byte[] {2}, 1, false);
        } catch (final MqttException expected) {
            // the connection was closed under the publish
        }
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (client.isConnected() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertFalse(client.isConnected(), "disconnected for publishing on " + topic);
        client.close(true);
    }

    private static MqttClient connect(final EmbeddedBroker broker, final String user) throws MqttException {
        final MqttClient client = new MqttClient(broker.uri(), user + "-" + System.nanoTime(),
            new MemoryPersistence());
        client.connect(options(user));
        return client;
    }

    private static MqttConnectOptions options(final String user) {
        final MqttConnectOptions options = new MqttConnectOptions();
        options.setUserName(user);
        options.setPassword(("password-of-" + user).toCharArray());
        return options;
    }

    private static void close(final MqttClient... clients) throws MqttException {
        for (final MqttClient client : clients) {
            client.disconnect();
            client.close();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0)) {
            return probe.getLocalPort();
        }
    }
}

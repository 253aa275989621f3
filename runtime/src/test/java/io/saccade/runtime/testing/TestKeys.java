package io.saccade.runtime.testing;

import io.saccade.protocol.auth.KeyRing;
import io.saccade.protocol.auth.KeyRole;
import io.saccade.protocol.auth.MacKey;
import io.saccade.protocol.mqtt.TopicTree;
import io.saccade.runtime.config.KeysConfig;
import io.saccade.runtime.mqtt.MqttEvent;
import io.saccade.runtime.mqtt.MqttIdentity;
import io.saccade.runtime.mqtt.SignedMqtt;
import io.saccade.runtime.telemetry.EnumCounters;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/** Fixed keys of both roles for tests, as files (what the services read) and as rings (what test clients use). */
public final class TestKeys {
    private static final String ROBOT_SECRET = "test-robot-key-0123456789abcdef-0";
    private static final String CLUSTER_SECRET = "test-cluster-key-0123456789abcdef";

    /** The robot's key, id 1 as in the defaults. */
    public static final MacKey ROBOT = MacKey.of(1, ROBOT_SECRET.getBytes(StandardCharsets.US_ASCII));
    /** The cluster's key, id 2 as in the defaults. */
    public static final MacKey CLUSTER = MacKey.of(2, CLUSTER_SECRET.getBytes(StandardCharsets.US_ASCII));
    /** Both rings, as a coordinator holds them. */
    public static final Map<KeyRole, KeyRing> BOTH = Map.of(KeyRole.ROBOT, KeyRing.of(ROBOT), KeyRole.CLUSTER,
        KeyRing.of(CLUSTER));

    private TestKeys() {
    }

    /**
     * Writes both keys as files.
     *
     * @param directory where.
     * @return the settings naming them.
     * @throws IOException when they cannot be written.
     */
    public static KeysConfig files(final Path directory) throws IOException {
        Files.createDirectories(directory);
        final Path robot = directory.resolve("robot.key");
        final Path cluster = directory.resolve("cluster.key");
        if (!Files.exists(robot)) {
            write(robot, ROBOT_SECRET);
            write(cluster, CLUSTER_SECRET);
        }
        return new KeysConfig(KeysConfig.Ring.of(robot.toString(), 1), KeysConfig.Ring.of(cluster.toString(), 2),
            KeysConfig.DEFAULT_MAX_CLOCK_SKEW_MILLIS);
    }

    private static void write(final Path file, final String secret) throws IOException {
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.write(file, secret.getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * Writes the cluster key only, as an accelerator holds it.
     *
     * @param directory where.
     * @return the settings naming it.
     * @throws IOException when it cannot be written.
     */
    public static KeysConfig clusterOnly(final Path directory) throws IOException {
        final KeysConfig both = files(directory);
        return new KeysConfig(KeysConfig.Ring.NONE, both.cluster(), both.maxClockSkewMillis());
    }

    /**
     * A connected client that signs with one role's test key and accepts both.
     *
     * @param broker  the broker.
     * @param user    its broker user.
     * @param sender  its sender id (and client id).
     * @param signsAs the role it signs as.
     * @return the connected client.
     * @throws InterruptedException when interrupted while connecting.
     */
    public static SignedMqtt client(final TestBroker broker, final String user, final String sender,
                                    final KeyRole signsAs) throws InterruptedException {
        final SignedMqtt client = SignedMqtt.start(broker.settings(user), new MqttIdentity(sender, signsAs, BOTH,
            KeysConfig.DEFAULT_MAX_CLOCK_SKEW_MILLIS), new TopicTree(TopicTree.DEFAULT_PREFIX), null,
            connected -> { }, () -> { }, new EnumCounters<>(MqttEvent.class), Clock.systemUTC());
        if (!client.port().awaitConnected(Duration.ofSeconds(20))) {
            client.close();
            throw new IllegalStateException(sender + " did not connect to " + broker.uri() + " as " + user);
        }
        return client;
    }
}

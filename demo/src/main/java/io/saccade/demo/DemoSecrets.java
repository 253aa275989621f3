package io.saccade.demo;

import io.saccade.protocol.auth.MacKey;
import io.saccade.runtime.config.KeysConfig;
import io.saccade.runtime.mqtt.MqttConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The demo's secrets, made on its first run and kept in the project's {@code .saccade} folder (which git ignores),
 * owner-only, never on a command line: the robot's key, the cluster's key, and a password file per broker user (the
 * embedded broker reads the same files). Existing files are kept, so restarts and later runs reuse them.
 *
 * @param robotKey    the robot's key file.
 * @param clusterKey  the cluster's key file.
 * @param users       one password file per user, named after the user.
 */
record DemoSecrets(Path robotKey, Path clusterKey, Path users) {
    /** The most nodes a demo runs; each has a broker user of its own. */
    static final int MAX_NODES = 8;

    /**
     * @param root the project folder.
     * @return the secrets, made where missing.
     * @throws IOException when a file cannot be written.
     */
    static DemoSecrets ensure(final Path root) throws IOException {
        final DemoSecrets secrets = new DemoSecrets(root.resolve(KeysConfig.ROBOT_KEY_FILE),
            root.resolve(KeysConfig.CLUSTER_KEY_FILE), root.resolve(".saccade/mqtt/users"));
        for (final Path key : List.of(secrets.robotKey, secrets.clusterKey)) {
            if (!Files.exists(key)) {
                Files.createDirectories(key.getParent());
                MacKey.generate(key);
            }
        }
        Files.createDirectories(secrets.users, PosixFilePermissions.asFileAttribute(
            PosixFilePermissions.fromString("rwx------")));
        for (final String user : userNames()) {
            final Path file = secrets.users.resolve(user);
            if (!Files.exists(file)) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(
                    "rw-------")));
                Files.writeString(file, password() + "\n", StandardCharsets.US_ASCII);
            }
        }
        return secrets;
    }

    /**
     * @param broker the broker's URI.
     * @param user   a broker user.
     * @return settings that reach it as that user.
     */
    MqttConfig mqtt(final String broker, final String user) {
        return MqttConfig.DEFAULTS.withUri(broker).withCredentials(user, users.resolve(user).toString());
    }

    /**
     * @param broker the broker's URI.
     * @param user   a broker user.
     * @return the flags that make a service connect as that user.
     */
    List<String> mqttArgs(final String broker, final String user) {
        return List.of("--mqtt", broker, "--mqtt-user", user, "--mqtt-password-file", users.resolve(user).toString());
    }

    /** @return the flags that give a service holding both keys their files. */
    List<String> keyArgs() {
        return List.of("--key-file", robotKey.toString(), "--cluster-key-file", clusterKey.toString());
    }

    /** The users of {@code etc/broker/acl}: the coordinators, read-only observers, every node, the robot. */
    private static List<String> userNames() {
        final List<String> users = new ArrayList<>(List.of("coordinator", "observer", "robot-1"));
        for (int node = 1; node <= MAX_NODES; node++) {
            users.add("node-" + node);
        }
        return users;
    }

    private static String password() {
        final byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }
}

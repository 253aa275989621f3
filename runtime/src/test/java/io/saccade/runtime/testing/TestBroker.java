package io.saccade.runtime.testing;

import io.saccade.runtime.mqtt.MqttConfig;
import java.nio.file.Path;
import java.util.List;

/**
 * A real MQTT broker for a test, on 127.0.0.1 and a port the OS picked, that takes no anonymous clients and enforces
 * the project's ACL ({@code etc/broker/acl}). Every {@link #USERS user} has a password file. It can be killed and
 * started again on the same port, to test what clients do when the broker goes.
 */
public interface TestBroker extends AutoCloseable {
    /** The users every test broker knows: the ACL's roles, three nodes and one robot. */
    List<String> USERS = List.of("coordinator", "observer", "node-1", "node-2", "node-3", "robot-1");

    /** @return {@code tcp://127.0.0.1:<port>}. */
    String uri();

    /** @return which broker this is, for test names. */
    String name();

    /**
     * @param user one of {@link #USERS}.
     * @return settings that reach this broker as that user, with fast reconnects.
     */
    default MqttConfig settings(final String user) {
        if (!USERS.contains(user)) {
            throw new IllegalArgumentException("the test brokers know " + USERS + ", not " + user);
        }
        return new MqttConfig(uri(), 2, 2_000, 50, 500, user, passwordFile(user).toString(), "");
    }

    /**
     * @param user one of {@link #USERS}.
     * @return the file holding its password.
     */
    Path passwordFile(String user);

    /**
     * Kills the broker at once (SIGKILL), as a crash or a network cut would look to clients.
     *
     * @throws InterruptedException when interrupted while waiting for it to die.
     */
    void kill() throws InterruptedException;

    /**
     * Starts the broker again on its port and waits until it accepts connections.
     *
     * @throws Exception when it does not come up in time.
     */
    void restart() throws Exception;

    @Override
    void close();
}

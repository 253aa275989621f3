package io.saccade.coordinator.testing;

import io.saccade.coordinator.CoordinatorMain;
import io.saccade.os.testing.ChildJvm;
import io.saccade.runtime.config.KeysConfig;
import io.saccade.runtime.mqtt.MqttConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Coordinator replicas as real processes ({@code saccade coordinator} in child JVMs with this JVM's class path and
 * flags), so that a test or benchmark can {@code kill -9} one the way a node failure would.
 */
public final class CoordinatorProcesses implements AutoCloseable {
    private final List<String> common;
    private final Map<String, ChildJvm> members = new LinkedHashMap<>();

    /**
     * @param broker          the broker and the coordinators' credentials.
     * @param sharedMemory    the node's shared-memory directory (the thumbnail ring).
     * @param keys            the robot's and the cluster's key files.
     * @param robot           {@code host:port} of the robot's decision socket.
     * @param heartbeatMillis membership heartbeat.
     * @param timeoutMillis   membership timeout.
     */
    public CoordinatorProcesses(final MqttConfig broker, final Path sharedMemory, final KeysConfig keys,
                                final String robot, final long heartbeatMillis, final long timeoutMillis) {
        this.common = List.of("--mqtt", broker.uri(), "--mqtt-user", broker.username(), "--mqtt-password-file",
            broker.passwordFile(), "--shm-dir", sharedMemory.toString(), "--key-file", keys.robot().file(),
            "--key-id", Integer.toString(keys.robot().id()), "--cluster-key-file", keys.cluster().file(),
            "--cluster-key-id", Integer.toString(keys.cluster().id()), "--robot", "1=" + robot, "--heartbeat-ms",
            Long.toString(heartbeatMillis), "--timeout-ms", Long.toString(timeoutMillis), "--health",
            "127.0.0.1:0");
    }

    /**
     * Starts (or restarts) a member.
     *
     * @param member its id.
     * @throws IOException when the JVM cannot be started.
     */
    public void start(final String member) throws IOException {
        final List<String> args = new ArrayList<>(common);
        args.add("--member");
        args.add(member);
        members.put(member, ChildJvm.start(CoordinatorMain.class, args.toArray(String[]::new)));
    }

    /**
     * Kills a member with SIGKILL: no clean disconnect, the broker publishes its Last Will.
     *
     * @param member its id.
     * @return when it was killed, on this process's monotonic clock.
     * @throws InterruptedException when interrupted while it dies.
     */
    public long kill(final String member) throws InterruptedException {
        final ChildJvm child = members.get(member);
        final long killedAt = System.nanoTime();
        child.process().destroyForcibly().waitFor();
        return killedAt;
    }

    /**
     * @param member a member id.
     * @return what it printed so far.
     */
    public String output(final String member) {
        final ChildJvm child = members.get(member);
        return child == null ? "(never started)" : child.output();
    }

    /** @return the output of every member, for failure messages. */
    public String outputs() {
        final StringBuilder all = new StringBuilder();
        members.forEach((member, child) -> all.append("---- ").append(member).append(" ----\n")
            .append(child.output()).append('\n'));
        return all.toString();
    }

    @Override
    public void close() throws IOException {
        for (final ChildJvm child : members.values()) {
            child.close();
        }
    }
}

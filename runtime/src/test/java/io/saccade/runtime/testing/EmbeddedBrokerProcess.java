package io.saccade.runtime.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The project's embedded broker ({@code ./saccade broker}: HiveMQ CE with the access-control extension) as a process
 * of its own, started from the broker module's build output the way the demo starts it. A process because HiveMQ
 * brings its own Netty 4.1, which must not meet the services' Netty 4.2 on one class path.
 */
public final class EmbeddedBrokerProcess implements TestBroker {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final Path directory;
    private final Path users;
    private final int port;
    private final List<String> command;
    private Process process;

    private EmbeddedBrokerProcess(final Path directory, final int port, final List<String> command, final Path users) {
        this.directory = directory;
        this.port = port;
        this.command = command;
        this.users = users;
    }

    /**
     * Starts the broker, or skips the calling test when the broker module has not been built.
     *
     * @param directory where its work files, users and log go.
     * @return the running broker.
     * @throws Exception when it does not come up.
     */
    public static EmbeddedBrokerProcess start(final Path directory) throws Exception {
        final Path module = BrokerFiles.root().resolve("broker/target");
        final Path classpath = module.resolve("classpath.txt");
        Assumptions.assumeTrue(Files.isRegularFile(classpath), "the broker module is not built (" + classpath
            + " is missing): run the whole reactor, e.g. ./saccade test");
        final Path users = BrokerFiles.users(directory.resolve("users"));
        final int port = BrokerFiles.freePort();
        final String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        final EmbeddedBrokerProcess broker = new EmbeddedBrokerProcess(directory, port, List.of(java,
            "@" + BrokerFiles.root().resolve("etc/jvm.options"), "-cp",
            module.resolve("classes") + ":" + Files.readString(classpath).strip(), "io.saccade.broker.BrokerMain",
            "--host", "127.0.0.1", "--port", Integer.toString(port), "--users", users.toString(),
            "--acl", BrokerFiles.acl().toString(), "--work-dir", directory.resolve("work").toString()), users);
        broker.restart();
        return broker;
    }

    @Override
    public String uri() {
        return "tcp://127.0.0.1:" + port;
    }

    @Override
    public String name() {
        return "embedded";
    }

    @Override
    public Path passwordFile(final String user) {
        return users.resolve(user);
    }

    @Override
    public void restart() throws Exception {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("broker is running");
        }
        final Path log = directory.resolve("broker.log");
        process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        BrokerFiles.awaitListening(process, "the embedded broker", log, START_TIMEOUT, port);
    }

    @Override
    public void kill() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Override
    public void close() {
        try {
            kill();
        } catch (final InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }
}

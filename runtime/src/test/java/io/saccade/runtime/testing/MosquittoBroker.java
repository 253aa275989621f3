package io.saccade.runtime.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A real Mosquitto broker (Debian's {@code mosquitto}, installed by {@code .ci/run}) on 127.0.0.1, anonymous, no
 * persistence, on a port the OS picked. It can be stopped and started again on the same port to test reconnection.
 */
public final class MosquittoBroker implements AutoCloseable {
    private static final List<Path> BINARIES = List.of(Path.of("/usr/sbin/mosquitto"), Path.of("/usr/bin/mosquitto"));
    private static final Duration START_TIMEOUT = Duration.ofSeconds(10);

    private final Path binary;
    private final Path config;
    private final Path log;
    private final int port;
    private Process process;

    private MosquittoBroker(final Path binary, final Path directory, final int port) throws IOException {
        this.binary = binary;
        this.port = port;
        this.config = Files.writeString(directory.resolve("mosquitto.conf"), String.join("\n",
            "listener " + port + " 127.0.0.1", "allow_anonymous true", "persistence false", "log_dest stderr",
            "log_type error", "log_type warning", ""));
        this.log = directory.resolve("mosquitto.log");
    }

    /**
     * Starts a broker, or skips the calling test when Mosquitto is not installed.
     *
     * @param directory where its config and log go.
     * @return the running broker.
     * @throws Exception when it does not come up.
     */
    public static MosquittoBroker start(final Path directory) throws Exception {
        final Path binary = BINARIES.stream().filter(Files::isExecutable).findFirst().orElse(null);
        Assumptions.assumeTrue(binary != null, "Mosquitto is not installed (apt-get install -y mosquitto; "
            + ".ci/run installs it)");
        for (int attempt = 1; ; attempt++) {
            final MosquittoBroker broker = new MosquittoBroker(binary, directory, freePort());
            try {
                broker.restart();
                return broker;
            } catch (final IOException ex) {
                if (attempt == 3) {
                    throw ex; // the port was taken between probing and binding three times over
                }
            }
        }
    }

    /** @return {@code tcp://127.0.0.1:<port>}. */
    public String uri() {
        return "tcp://127.0.0.1:" + port;
    }

    /** @return the broker's port. */
    public int port() {
        return port;
    }

    /**
     * Starts the broker (again) on its port and waits until it accepts connections.
     *
     * @throws Exception when it does not come up in time.
     */
    public void restart() throws Exception {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("broker is running");
        }
        process = new ProcessBuilder(binary.toString(), "-c", config.toString())
            .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        final long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!accepts()) {
            if (!process.isAlive()) {
                throw new IOException("mosquitto exited with " + process.exitValue() + ": " + Files.readString(log));
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("mosquitto did not listen on " + port + " within " + START_TIMEOUT);
            }
            process.waitFor(10, TimeUnit.MILLISECONDS); // bounded wait, and it notices an early exit
        }
    }

    /**
     * Kills the broker at once (SIGKILL), as a crash or a network cut would look to clients.
     *
     * @throws InterruptedException when interrupted while waiting for it to die.
     */
    public void kill() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
        }
    }

    @Override
    public void close() {
        if (process != null) {
            process.destroyForcibly();
        }
    }

    private boolean accepts() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (final IOException ex) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}

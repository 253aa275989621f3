package io.saccade.runtime.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A real Mosquitto broker (Debian's {@code mosquitto}, installed by {@code .ci/run}) on 127.0.0.1, no persistence,
 * on a port the OS picked, with the test users ({@link TestBroker#USERS}, hashed by {@code mosquitto_passwd}) and the
 * project's ACL; optionally a second, TLS listener with a given certificate.
 */
public final class MosquittoBroker implements TestBroker {
    private static final List<Path> BINARIES = List.of(Path.of("/usr/sbin/mosquitto"), Path.of("/usr/bin/mosquitto"));
    private static final Path PASSWD = Path.of("/usr/bin/mosquitto_passwd");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(10);

    private final Path binary;
    private final Path config;
    private final Path log;
    private final Path users;
    private final int port;
    private final int tlsPort;
    private Process process;

    /**
     * A server certificate for the TLS listener.
     *
     * @param caFile   the CA's certificate, PEM.
     * @param certFile the server's certificate, PEM, for 127.0.0.1.
     * @param keyFile  the server's private key, PEM.
     */
    public record Tls(Path caFile, Path certFile, Path keyFile) {
    }

    private MosquittoBroker(final Path binary, final Path directory, final int port, final Tls tls)
        throws IOException, InterruptedException {
        this.binary = binary;
        this.port = port;
        this.tlsPort = tls == null ? -1 : BrokerFiles.freePort();
        this.users = BrokerFiles.users(directory.resolve("users"));
        // "user": run as whoever runs the test; Mosquitto started as root would drop to a user who cannot read
        // the test's private temporary directory
        final List<String> lines = new ArrayList<>(List.of("user " + System.getProperty("user.name"),
            "per_listener_settings false", "allow_anonymous false",
            "password_file " + passwd(directory), "acl_file " + BrokerFiles.acl(), "persistence false",
            "log_dest stderr", "log_type error", "log_type warning", "listener " + port + " 127.0.0.1"));
        if (tls != null) {
            lines.addAll(List.of("listener " + tlsPort + " 127.0.0.1", "cafile " + tls.caFile(),
                "certfile " + tls.certFile(), "keyfile " + tls.keyFile(), "tls_version tlsv1.2"));
        }
        lines.add("");
        this.config = Files.writeString(directory.resolve("mosquitto.conf"), String.join("\n", lines));
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
        return start(directory, null);
    }

    /**
     * Starts a broker with a TLS listener too, or skips the calling test when Mosquitto is not installed.
     *
     * @param directory where its config and log go.
     * @param tls       the TLS listener's certificate, or {@code null} for none.
     * @return the running broker.
     * @throws Exception when it does not come up.
     */
    public static MosquittoBroker start(final Path directory, final Tls tls) throws Exception {
        final Path binary = BINARIES.stream().filter(Files::isExecutable).findFirst().orElse(null);
        Assumptions.assumeTrue(binary != null && Files.isExecutable(PASSWD), "Mosquitto is not installed "
            + "(apt-get install -y mosquitto; .ci/run installs it)");
        for (int attempt = 1; ; attempt++) {
            final MosquittoBroker broker = new MosquittoBroker(binary, directory, BrokerFiles.freePort(), tls);
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

    @Override
    public String uri() {
        return "tcp://127.0.0.1:" + port;
    }

    /** @return {@code ssl://127.0.0.1:<port>} of the TLS listener. */
    public String tlsUri() {
        if (tlsPort < 0) {
            throw new IllegalStateException("started without a TLS listener");
        }
        return "ssl://127.0.0.1:" + tlsPort;
    }

    @Override
    public String name() {
        return "mosquitto";
    }

    @Override
    public Path passwordFile(final String user) {
        return users.resolve(user);
    }

    /** @return the broker's port. */
    public int port() {
        return port;
    }

    @Override
    public void restart() throws Exception {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("broker is running");
        }
        process = new ProcessBuilder(binary.toString(), "-c", config.toString())
            .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (tlsPort > 0) {
            BrokerFiles.awaitListening(process, "mosquitto", log, START_TIMEOUT, port, tlsPort);
        } else {
            BrokerFiles.awaitListening(process, "mosquitto", log, START_TIMEOUT, port);
        }
    }

    @Override
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

    /** The users' passwords in Mosquitto's password file format, hashed by {@code mosquitto_passwd -U}. */
    private Path passwd(final Path directory) throws IOException, InterruptedException {
        final StringBuilder plain = new StringBuilder();
        for (final String user : USERS) {
            plain.append(user).append(':').append(Files.readString(users.resolve(user)).strip()).append('\n');
        }
        final Path passwd = Files.writeString(directory.resolve("passwd"), plain);
        final Process hashing = new ProcessBuilder(PASSWD.toString(), "-U", passwd.toString())
            .redirectErrorStream(true).start();
        final String output = new String(hashing.getInputStream().readAllBytes());
        if (!hashing.waitFor(30, TimeUnit.SECONDS) || hashing.exitValue() != 0) {
            throw new IOException("mosquitto_passwd -U failed: " + output);
        }
        return passwd;
    }
}

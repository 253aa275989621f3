package io.saccade.broker;

import com.hivemq.embedded.EmbeddedExtension;
import com.hivemq.embedded.EmbeddedHiveMQ;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletionException;

/**
 * HiveMQ CE embedded, configured for a machine-local cluster: one TCP listener, in-memory persistence (retained
 * messages and sessions live as long as the process), anonymous usage statistics off (it would phone home), its
 * folders under a work directory of its own, and no anonymous clients: every client needs a user and its password,
 * and then may go only where the ACL lets it ({@link AccessControl}).
 */
public final class EmbeddedBroker implements AutoCloseable {
    private final EmbeddedHiveMQ hivemq;
    private final String host;
    private final int port;

    private EmbeddedBroker(final EmbeddedHiveMQ hivemq, final String host, final int port) {
        this.hivemq = hivemq;
        this.host = host;
        this.port = port;
    }

    /**
     * Starts the broker and returns once it listens.
     *
     * @param host  address to listen on, e.g. {@code 127.0.0.1}.
     * @param port  port to listen on.
     * @param work  a directory for its configuration, data and (no) extensions; created when missing.
     * @param users who may connect.
     * @param acl   where they may publish and subscribe; {@code null}: anywhere.
     * @return the running broker.
     * @throws IOException when the port is taken or the broker does not start; the message says which.
     */
    public static EmbeddedBroker start(final String host, final int port, final Path work, final BrokerUsers users,
                                       final TopicAcl acl) throws IOException {
        requireFree(host, port);
        final Path config = Files.createDirectories(work.resolve("conf"));
        Files.writeString(config.resolve("config.xml"), """
            <?xml version="1.0"?>
            <hivemq>
              <listeners>
                <tcp-listener><port>%d</port><bind-address>%s</bind-address></tcp-listener>
              </listeners>
              <anonymous-usage-statistics><enabled>false</enabled></anonymous-usage-statistics>
              <persistence><mode>in-memory</mode></persistence>
            </hivemq>
            """.formatted(port, host), StandardCharsets.UTF_8);
        final EmbeddedHiveMQ hivemq = EmbeddedHiveMQ.builder()
            .withConfigurationFolder(config)
            .withDataFolder(Files.createDirectories(work.resolve("data")))
            .withExtensionsFolder(Files.createDirectories(work.resolve("extensions")))
            .withEmbeddedExtension(EmbeddedExtension.builder().withId("saccade-access-control")
                .withName("Saccade access control").withVersion("1").withExtensionMain(new AccessControl(users, acl))
                .build())
            .build();
        try {
            hivemq.start().join();
        } catch (final CompletionException ex) {
            closeQuietly(hivemq);
            throw new IOException("the embedded broker did not start on " + host + ":" + port + ": "
                + (ex.getCause() == null ? ex : ex.getCause()).getMessage(), ex);
        }
        return new EmbeddedBroker(hivemq, host, port);
    }

    private static void requireFree(final String host, final int port) throws IOException {
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(host, port));
        } catch (final IOException ex) {
            throw new IOException("cannot listen on " + host + ":" + port + " (" + ex.getMessage() + "); is another "
                + "broker running? choose another port or use that broker", ex);
        }
    }

    /** @return {@code tcp://host:port}. */
    public String uri() {
        return "tcp://" + host + ":" + port;
    }

    @Override
    public void close() {
        try {
            hivemq.stop().join();
        } finally {
            closeQuietly(hivemq);
        }
    }

    private static void closeQuietly(final EmbeddedHiveMQ hivemq) {
        try {
            hivemq.close();
        } catch (final Exception ex) {
            throw new UncheckedIOException(new IOException("closing the embedded broker: " + ex.getMessage(), ex));
        }
    }
}

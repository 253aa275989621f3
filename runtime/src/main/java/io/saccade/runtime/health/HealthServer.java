package io.saccade.runtime.health;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.saccade.runtime.config.ConfigException;
import io.saccade.runtime.net.HostPort;
import io.saccade.runtime.telemetry.Metrics;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * {@code GET /live} answers 200 while the service's duty cycle is turning, {@code GET /ready} answers 200 once the
 * service can do its job (for an accelerator: model loaded, warmed up, registered) and 503 otherwise; each body is
 * one line saying why. {@code GET /metrics} serves the service's {@link Metrics} for Prometheus. Served from one
 * daemon thread, off the hot path.
 * <p>
 * With a token, everything but {@code /live} and {@code /ready} (which the kubelet probes without credentials and
 * which tell nothing) answers 401 unless the request carries it, as {@code Authorization: Bearer TOKEN} (Prometheus'
 * {@code authorization} setting) or as the password of HTTP Basic authentication with any user name (what a browser
 * asks for when it opens the dashboard).
 */
public final class HealthServer implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService executor;
    private final AccessToken token;

    private HealthServer(final HttpServer server, final ExecutorService executor, final AccessToken token) {
        this.server = server;
        this.executor = executor;
        this.token = token;
    }

    /**
     * @param address   where to listen; port 0 lets the OS choose.
     * @param liveness  {@code null} when live, else why not.
     * @param readiness {@code null} when ready, else why not.
     * @return the running server.
     * @throws IOException when the address cannot be bound.
     */
    public static HealthServer start(final InetSocketAddress address, final Supplier<String> liveness,
                                     final Supplier<String> readiness) throws IOException {
        return start(address, liveness, readiness, null);
    }

    /**
     * @param address   where to listen; port 0 lets the OS choose.
     * @param liveness  {@code null} when live, else why not.
     * @param readiness {@code null} when ready, else why not.
     * @param metrics   served on {@code GET /metrics} in the Prometheus text format, or {@code null}.
     * @return the running server.
     * @throws IOException when the address cannot be bound.
     */
    public static HealthServer start(final InetSocketAddress address, final Supplier<String> liveness,
                                     final Supplier<String> readiness, final Metrics metrics) throws IOException {
        return start(address, AccessToken.NONE, liveness, readiness, metrics);
    }

    /**
     * @param address   where to listen; port 0 lets the OS choose.
     * @param token     what requests other than {@code /live} and {@code /ready} must carry, or
     *                  {@link AccessToken#NONE}.
     * @param liveness  {@code null} when live, else why not.
     * @param readiness {@code null} when ready, else why not.
     * @param metrics   served on {@code GET /metrics} in the Prometheus text format, or {@code null}.
     * @return the running server.
     * @throws IOException when the address cannot be bound.
     */
    public static HealthServer start(final InetSocketAddress address, final AccessToken token,
                                     final Supplier<String> liveness, final Supplier<String> readiness,
                                     final Metrics metrics) throws IOException {
        final HttpServer server = HttpServer.create(address, 8);
        server.createContext("/live", exchange -> answer(exchange, liveness.get(), "live"));
        server.createContext("/ready", exchange -> answer(exchange, readiness.get(), "ready"));
        final ExecutorService executor = Executors.newSingleThreadExecutor(Thread.ofPlatform().daemon()
            .name("health").factory());
        server.setExecutor(executor);
        final HealthServer health = new HealthServer(server, executor, token);
        if (metrics != null) {
            health.serve("/metrics", metrics.contentType(), metrics::scrape);
        }
        server.start();
        return health;
    }

    /**
     * Starts the server at a configured address, or not at all.
     *
     * @param hostPort  {@code host:port}; port 0 lets the OS choose; blank: no server.
     * @param liveness  {@code null} when live, else why not.
     * @param readiness {@code null} when ready, else why not.
     * @param metrics   served on {@code /metrics}, or {@code null}.
     * @return the running server, or {@code null} when {@code hostPort} is blank.
     * @throws IOException              when the address cannot be bound.
     * @throws IllegalArgumentException when {@code hostPort} is not {@code host:port}.
     */
    public static HealthServer startAt(final String hostPort, final Supplier<String> liveness,
                                       final Supplier<String> readiness, final Metrics metrics) throws IOException {
        return startAt(hostPort, "", liveness, readiness, metrics);
    }

    /**
     * Starts the server at a configured address, or not at all.
     *
     * @param hostPort  {@code host:port}; port 0 lets the OS choose; blank: no server.
     * @param tokenFile a file holding the token requests other than {@code /live} and {@code /ready} must carry;
     *                  blank: none.
     * @param liveness  {@code null} when live, else why not.
     * @param readiness {@code null} when ready, else why not.
     * @param metrics   served on {@code /metrics}, or {@code null}.
     * @return the running server, or {@code null} when {@code hostPort} is blank.
     * @throws IOException              when the address cannot be bound.
     * @throws IllegalArgumentException when {@code hostPort} is not {@code host:port}.
     * @throws ConfigException          when the token file cannot be read or is empty.
     */
    public static HealthServer startAt(final String hostPort, final String tokenFile, final Supplier<String> liveness,
                                       final Supplier<String> readiness, final Metrics metrics) throws IOException {
        if (hostPort == null || hostPort.isBlank()) {
            return null;
        }
        return start(HostPort.parse(hostPort, "health", 0), AccessToken.fromFile(tokenFile), liveness, readiness,
            metrics);
    }

    /**
     * {@link #startAt} for the {@code --health} command-line option: a malformed value is a {@link ConfigException}
     * naming the option, and the port is logged (the demo finds its processes' ports in that line).
     *
     * @param option    the option's value; blank: no server.
     * @param liveness  {@code null} when live, else why not.
     * @param readiness {@code null} when ready, else why not.
     * @param metrics   served on {@code /metrics}.
     * @return the running server, or {@code null} when {@code option} is blank.
     * @throws IOException when the address cannot be bound.
     */
    public static HealthServer startForOption(final String option, final Supplier<String> liveness,
                                              final Supplier<String> readiness, final Metrics metrics)
        throws IOException {
        return startForOption(option, "", liveness, readiness, metrics);
    }

    /**
     * {@link #startAt} for the {@code --health} command-line option, with a token file.
     *
     * @param option    the option's value; blank: no server.
     * @param tokenFile the token file; blank: none.
     * @param liveness  {@code null} when live, else why not.
     * @param readiness {@code null} when ready, else why not.
     * @param metrics   served on {@code /metrics}.
     * @return the running server, or {@code null} when {@code option} is blank.
     * @throws IOException when the address cannot be bound.
     */
    public static HealthServer startForOption(final String option, final String tokenFile,
                                              final Supplier<String> liveness, final Supplier<String> readiness,
                                              final Metrics metrics) throws IOException {
        final HealthServer server;
        try {
            server = startAt(option, tokenFile, liveness, readiness, metrics);
        } catch (final IllegalArgumentException ex) {
            throw new ConfigException("--" + ex.getMessage(), ex);
        }
        if (server != null) {
            System.getLogger(HealthServer.class.getName()).log(System.Logger.Level.INFO,
                "/live, /ready and /metrics on port {0,number,#}", server.port());
        }
        return server;
    }

    /**
     * Serves {@code GET path} (and, for a path ending in {@code /}, everything below it not served otherwise) with
     * whatever {@code body} returns at request time; {@code null} answers 404. For small read-only views such as a
     * dashboard and its JSON.
     *
     * @param path        the path, e.g. {@code /api/state}.
     * @param contentType the body's content type.
     * @param body        the body, computed per request on the server's thread.
     */
    public void serve(final String path, final String contentType, final Supplier<byte[]> body) {
        server.createContext(path, exchange -> {
            try (exchange) {
                if (!token.admits(exchange.getRequestHeaders().getFirst("Authorization"))) {
                    exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"saccade\", charset=\"UTF-8\"");
                    exchange.sendResponseHeaders(401, -1);
                    return;
                }
                if (!"GET".equals(exchange.getRequestMethod())) {
                    exchange.sendResponseHeaders(405, -1);
                    return;
                }
                final byte[] bytes = body.get();
                if (bytes == null) {
                    exchange.sendResponseHeaders(404, -1);
                    return;
                }
                exchange.getResponseHeaders().set("Content-Type", contentType);
                exchange.getResponseHeaders().set("Cache-Control", "no-store");
                exchange.sendResponseHeaders(200, bytes.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        });
    }

    /** @return the bound port. */
    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow(); // HttpServer.stop leaves a caller's executor running
    }

    private static void answer(final HttpExchange exchange, final String problem, final String good)
        throws IOException {
        try (exchange) {
            if (!"GET".equals(exchange.getRequestMethod()) && !"HEAD".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            final byte[] body = ((problem == null ? good : problem) + "\n").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
            exchange.sendResponseHeaders(problem == null ? 200 : 503, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }
}

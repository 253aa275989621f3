package io.saccade.runtime.health;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * {@code GET /live} answers 200 while the service's duty cycle is turning, {@code GET /ready} answers 200 once the
 * service can do its job (for an accelerator: model loaded, warmed up, registered) and 503 otherwise; each body is
 * one line saying why. Served from one daemon thread, off the hot path.
 */
public final class HealthServer implements AutoCloseable {
    private final HttpServer server;

    private HealthServer(final HttpServer server) {
        this.server = server;
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
        final HttpServer server = HttpServer.create(address, 8);
        server.createContext("/live", exchange -> answer(exchange, liveness.get(), "live"));
        server.createContext("/ready", exchange -> answer(exchange, readiness.get(), "ready"));
        server.setExecutor(Executors.newSingleThreadExecutor(Thread.ofPlatform().daemon().name("health").factory()));
        server.start();
        return new HealthServer(server);
    }

    /** @return the bound port. */
    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
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

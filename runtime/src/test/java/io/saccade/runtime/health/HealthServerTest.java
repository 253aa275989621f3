package io.saccade.runtime.health;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class HealthServerTest {
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void shouldSayNotReadyWithTheReasonUntilTheServiceIsReady() throws Exception {
        final AtomicReference<String> readiness = new AtomicReference<>("warming up the model");
        try (HealthServer server = HealthServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
            () -> null, readiness::get)) {
            final HttpResponse<String> warming = get(server, "/ready");
            assertEquals(503, warming.statusCode());
            assertEquals("warming up the model\n", warming.body());
            assertEquals(200, get(server, "/live").statusCode());

            readiness.set(null);

            assertEquals(200, get(server, "/ready").statusCode());
        }
    }

    private HttpResponse<String> get(final HealthServer server, final String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
            HttpResponse.BodyHandlers.ofString());
    }
}

package io.saccade.runtime.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.saccade.runtime.mqtt.MqttEvent;
import io.saccade.runtime.telemetry.EnumCounters;
import io.saccade.runtime.telemetry.Metrics;
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

    @Test
    void shouldAskForTheTokenOnMetricsButNotOnTheProbes() throws Exception {
        final Metrics metrics = new Metrics("test");
        try (HealthServer server = HealthServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
            AccessToken.of("s3cret"), () -> null, () -> null, metrics)) {
            final HttpResponse<String> bare = get(server, "/metrics");
            assertEquals(401, bare.statusCode());
            assertTrue(bare.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic"), "a browser asks");
            assertEquals(401, get(server, "/metrics", "Bearer guess").statusCode());
            assertEquals(401, get(server, "/metrics", "Basic " + basic("any:guess")).statusCode());
            assertEquals(401, get(server, "/metrics", "Basic !!!").statusCode());

            assertEquals(200, get(server, "/metrics", "Bearer s3cret").statusCode());
            assertEquals(200, get(server, "/metrics", "Basic " + basic("operator:s3cret")).statusCode());
            assertEquals(200, get(server, "/live").statusCode(), "the kubelet probes without credentials");
            assertEquals(200, get(server, "/ready").statusCode());
        }
    }

    @Test
    void shouldServeTheServicesMetricsForPrometheus() throws Exception {
        final EnumCounters<MqttEvent> events = new EnumCounters<>(MqttEvent.class);
        events.add(MqttEvent.PUBLISHED, 42);
        final Metrics metrics = new Metrics("test").counters("mqtt", "Broker connection events.", events)
            .gauge("leader_epoch", "Epoch this member leads in.", () -> 7);
        metrics.latency("decide", "Frame ready to decided.").observe(0.003);
        try (HealthServer server = HealthServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
            () -> null, () -> null, metrics)) {
            final HttpResponse<String> scraped = get(server, "/metrics");

            assertEquals(200, scraped.statusCode());
            assertTrue(scraped.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
            final String body = scraped.body();
            assertTrue(body.contains("saccade_test_mqtt_total{event=\"published\"} 42"), body);
            assertTrue(body.contains("saccade_test_mqtt_total{event=\"dropped_busy\"} 0"), body);
            assertTrue(body.contains("saccade_test_leader_epoch 7"), body);
            assertTrue(body.contains("saccade_test_decide_seconds_bucket{le=\"0.005\"} 1"), body);
            assertTrue(body.contains("saccade_test_decide_seconds_bucket{le=\"0.0025\"} 0"), body);
        }
    }

    @Test
    void shouldNotServeMetricsItWasNotGiven() throws Exception {
        try (HealthServer server = HealthServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
            () -> null, () -> null)) {
            assertEquals(404, get(server, "/metrics").statusCode());
        }
    }

    @Test
    void shouldStartAtAConfiguredAddressOrNotAtAll() throws Exception {
        assertNull(HealthServer.startAt(" ", () -> null, () -> null, null), "blank: no server");
        for (final String bad : new String[]{"8080", "host:", "host:http", "host:70000"}) {
            final IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class,
                () -> HealthServer.startAt(bad, () -> null, () -> null, null));
            assertTrue(thrown.getMessage().contains("'" + bad + "'"), thrown.getMessage());
        }
        try (HealthServer server = HealthServer.startAt("127.0.0.1:0", () -> null, () -> null, null)) {
            assertEquals(200, get(server, "/live").statusCode());
        }
    }

    private HttpResponse<String> get(final HealthServer server, final String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
            HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(final HealthServer server, final String path, final String authorization)
        throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
            .header("Authorization", authorization).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String basic(final String credentials) {
        return java.util.Base64.getEncoder().encodeToString(credentials.getBytes(
            java.nio.charset.StandardCharsets.UTF_8));
    }
}

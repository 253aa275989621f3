package io.saccade.coordinator.dashboard;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import io.saccade.protocol.message.Decision;
import io.saccade.protocol.message.LeaderStamp;
import io.saccade.runtime.health.HealthServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Serves the dashboard on a service's HTTP server: {@code /} (the page), {@code /dashboard.js},
 * {@code /api/state} (JSON) and {@code /api/thumbnail.png}.
 */
public final class Dashboard {
    /** Frame numbers and epochs exceed 2^53: as JSON numbers, JavaScript would round them. */
    private final ObjectMapper json = new ObjectMapper().registerModule(new SimpleModule()
        .addSerializer(Long.class, ToStringSerializer.instance)
        .addSerializer(Long.TYPE, ToStringSerializer.instance));
    private final LiveView view;
    private final Supplier<Membership> membership;
    private final Supplier<Map<String, Long>> counters;

    /**
     * Who leads and who is there, as this member sees it.
     *
     * @param member   this member.
     * @param node     its node.
     * @param leader   the leadership it believes in, or {@code null}.
     * @param leading  whether this member leads.
     * @param members  the live members, this one included.
     */
    public record Membership(String member, String node, LeaderStamp leader, boolean leading, List<String> members) {
    }

    /**
     * The JSON of {@code /api/state}.
     *
     * @param membership  leader and members.
     * @param decisions   decisions seen since start.
     * @param thumbnailSeq the frame of the newest thumbnail.
     * @param decision    the newest decision, or {@code null}.
     * @param series      the rolling chart.
     * @param counters    this member's counters.
     */
    public record State(Membership membership, long decisions, long thumbnailSeq, Decision decision,
                        List<LiveView.Point> series, Map<String, Long> counters) {
    }

    /**
     * @param view       what to show.
     * @param membership leader and members, read per request.
     * @param counters   counters, read per request.
     */
    public Dashboard(final LiveView view, final Supplier<Membership> membership,
                     final Supplier<Map<String, Long>> counters) {
        this.view = view;
        this.membership = membership;
        this.counters = counters;
    }

    /**
     * @param server where to serve.
     */
    public void serveOn(final HealthServer server) {
        final byte[] page = resource("dashboard.html");
        final byte[] script = resource("dashboard.js");
        server.serve("/", "text/html; charset=utf-8", () -> page);
        server.serve("/dashboard.js", "text/javascript; charset=utf-8", () -> script);
        server.serve("/api/state", "application/json", this::state);
        server.serve("/api/thumbnail.png", "image/png", view::thumbnailPng);
    }

    /** @return the state as JSON. */
    public byte[] state() {
        try {
            return json.writeValueAsBytes(new State(membership.get(), view.decisions(), view.thumbnailSeq(),
                view.decision(), view.series(), counters.get()));
        } catch (final JsonProcessingException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static byte[] resource(final String name) {
        try (InputStream in = Dashboard.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("the dashboard's " + name + " is missing from the jar");
            }
            return in.readAllBytes();
        } catch (final IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}

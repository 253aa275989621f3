package io.saccade.coordinator.dashboard;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import io.saccade.coordinator.ledger.HopSummary;
import io.saccade.coordinator.ledger.LedgerKeeper;
import io.saccade.protocol.message.Decision;
import io.saccade.protocol.message.Hop;
import io.saccade.protocol.message.LeaderStamp;
import io.saccade.runtime.health.HealthServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Serves the dashboard on a service's HTTP server: {@code /} (the page), {@code /dashboard.js},
 * {@code /api/state} (JSON: membership, decisions, the per-hop ledger), {@code /api/frame.jpg} (the colour preview)
 * and {@code /api/thumbnail.png} (the grey thumbnail, when there are no previews).
 */
public final class Dashboard {
    /** Seconds of per-hop history the chart shows. */
    static final int SERIES_SECONDS = 60;
    /** The hops charted over time: arrival, decision, delivery, and each model's inference end and result. */
    private static final Set<Hop> CHARTED = EnumSet.of(Hop.RECEIVE, Hop.DECIDED, Hop.DELIVERED, Hop.INFERENCE_END,
        Hop.RESULT_RECEIVED);

    /** Frame numbers and epochs exceed 2^53: as JSON numbers, JavaScript would round them. */
    private final ObjectMapper json = new ObjectMapper().registerModule(new SimpleModule()
        .addSerializer(Long.class, ToStringSerializer.instance)
        .addSerializer(Long.TYPE, ToStringSerializer.instance));
    private final LiveView view;
    private final PreviewView preview;
    private final Supplier<Membership> membership;
    private final Supplier<Map<String, Long>> counters;
    private final LedgerKeeper ledgers;
    private final LongSupplier wallMillis;
    /** The ledger as last computed, and the wall second it is for: the series move once a second. */
    private Ledger ledger;
    private long ledgerSecond = Long.MIN_VALUE;

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
     * @param previewSeq  the frame of the newest colour preview, -1 when there is none.
     * @param decision    the newest decision, or {@code null}.
     * @param series      the rolling chart.
     * @param counters    this member's counters.
     * @param ledger      where the time goes, per hop.
     */
    public record State(Membership membership, long decisions, long thumbnailSeq, long previewSeq, Decision decision,
                        List<LiveView.Point> series, Map<String, Long> counters, Ledger ledger) {
    }

    /**
     * The per-hop latency ledger as this member sees it.
     *
     * @param uncertaintyMicros how far this node's offset to the robot's clock may be off; -1 before measured.
     * @param unplaced          decisions and results not placed for want of a measured offset.
     * @param hops              per hop and path, recent statistics.
     * @param fromSecond        the wall-clock second (epoch) the series start at.
     * @param series            per hop and path, the median time after capture of each of the last seconds.
     */
    public record Ledger(long uncertaintyMicros, long unplaced, List<HopSummary> hops, long fromSecond,
                         List<HopSeries> series) {
    }

    /**
     * @param hop    the step.
     * @param model  its model; {@code null} on the decision path.
     * @param micros per second, the median time after capture; -1 for seconds without frames.
     */
    public record HopSeries(Hop hop, String model, long[] micros) {
    }

    /**
     * @param view       what to show.
     * @param preview    the colour picture.
     * @param membership leader and members, read per request.
     * @param counters   counters, read per request.
     * @param ledgers    the per-hop ledger.
     * @param wallMillis wall-clock time, for the per-second series.
     */
    public Dashboard(final LiveView view, final PreviewView preview, final Supplier<Membership> membership,
                     final Supplier<Map<String, Long>> counters, final LedgerKeeper ledgers,
                     final LongSupplier wallMillis) {
        this.view = view;
        this.preview = preview;
        this.membership = membership;
        this.counters = counters;
        this.ledgers = ledgers;
        this.wallMillis = wallMillis;
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
        server.serve("/api/frame.jpg", "image/jpeg", preview::jpeg);
    }

    /** @return the state as JSON. */
    public byte[] state() {
        try {
            return json.writeValueAsBytes(new State(membership.get(), view.decisions(), view.thumbnailSeq(),
                preview.refresh(), view.decision(), view.series(), counters.get(), ledger()));
        } catch (final JsonProcessingException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * The ledger, recomputed at most once a wall second: its snapshot is copied under the lock the decision thread
     * takes, and every open dashboard asks four times a second. Synchronized for any other caller.
     */
    private synchronized Ledger ledger() {
        final long second = wallMillis.getAsLong() / 1_000;
        if (second != ledgerSecond) {
            ledger = ledger(second);
            ledgerSecond = second;
        }
        return ledger;
    }

    private Ledger ledger(final long second) {
        final LedgerKeeper.Snapshot snapshot = ledgers.snapshot();
        final List<HopSummary> hops = snapshot.summaries();
        final long from = second - SERIES_SECONDS;
        final List<HopSeries> series = new ArrayList<>();
        for (final HopSummary row : hops) {
            if (CHARTED.contains(row.hop())) {
                series.add(new HopSeries(row.hop(), row.model(),
                    snapshot.series(row.hop(), row.model(), from, SERIES_SECONDS)));
            }
        }
        return new Ledger(snapshot.uncertaintyMicros(), snapshot.unplaced(), hops, from, series);
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

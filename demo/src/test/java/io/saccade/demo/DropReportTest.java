package io.saccade.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.saccade.runtime.health.HealthServer;
import io.saccade.runtime.telemetry.EnumCounters;
import io.saccade.runtime.telemetry.Metrics;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DropReportTest {
    /** Stand-in events of a stage: flow and loss. */
    enum Stage { DECODED, CORRUPT_JPEG, INCOMPLETE_SUPERSEDED }

    @Test
    void shouldReadEveryCounterOfAnExposition() {
        final Map<String, Double> counters = DropReport.counters("""
            # HELP saccade_preprocess_decode Decode stage events.
            # TYPE saccade_preprocess_decode counter
            saccade_preprocess_decode_total{event="corrupt_jpeg"} 3.0
            saccade_preprocess_decode_total{event="decoded"} 1200.0
            saccade_robot_probes_total 7
            saccade_coordinator_hop_seconds_bucket{hop="decided",le="0.005"} 12
            """);

        assertEquals(Map.of("decode{corrupt_jpeg}", 3.0, "decode{decoded}", 1200.0, "probes", 7.0), counters);
    }

    @Test
    void shouldListTheLossCountersThatMovedPerProcess() throws Exception {
        final EnumCounters<Stage> events = new EnumCounters<>(Stage.class);
        events.add(Stage.CORRUPT_JPEG, 2);
        try (HealthServer server = HealthServer.startAt("127.0.0.1:0", () -> null, () -> null,
            new Metrics("preprocess").counters("decode", "events", events))) {
            final DropReport report = new DropReport();
            report.watch("preprocess-1", server.port());
            report.watch("gone", 1);
            report.start();
            events.add(Stage.DECODED, 900);
            events.add(Stage.CORRUPT_JPEG, 3);
            events.add(Stage.INCOMPLETE_SUPERSEDED, 1);

            final String[] lines = report.stop().split(System.lineSeparator());

            assertEquals("  preprocess-1    decode{corrupt_jpeg} 3, decode{incomplete_superseded} 1", lines[0],
                "flow (decoded) left out, counts before the start left out");
            assertEquals("  gone            (no /metrics answer)", lines[1]);
        }
    }
}

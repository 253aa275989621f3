package io.saccade.demo;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The end-to-end benchmark's drops and errors: every service's Prometheus counters read from its {@code /metrics}
 * at the start and the end of the interval, and the counters of events that lose or refuse something (drops,
 * skips, stale or bad input, failures) that moved in between, per process. Counters of normal flow are left out;
 * they are in {@code /metrics} for whoever wants them. Single-threaded.
 */
final class DropReport {
    /** {@code saccade_<service>_<name>_total{labels} value}. */
    private static final Pattern COUNTER = Pattern.compile("^saccade_[a-z]+_(\\w+)_total(?:\\{([^}]*)})? (\\S+)$",
        Pattern.MULTILINE);
    /** What a counter of lost or refused work is called: in its name or its event. */
    private static final Pattern LOSS = Pattern.compile("drop|skip|stale|bad|corrupt|fail|error|superseded|evicted"
        + "|expired|torn|late|refused|duplicate|unneeded|lost|unavailable|watchdog|not_assigned|incomplete");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Map<String, Integer> ports = new LinkedHashMap<>();
    private final Map<String, Map<String, Double>> before = new LinkedHashMap<>();

    /**
     * @param process a process's name.
     * @param port    its health server's port, serving {@code /metrics}.
     */
    void watch(final String process, final int port) {
        ports.put(process, port);
    }

    /** Reads every process's counters at the start of the interval. */
    void start() {
        ports.forEach((process, port) -> before.put(process, scrape(port)));
    }

    /** @return per process, the loss counters that moved since {@link #start()}, one line each. */
    String stop() {
        final StringBuilder out = new StringBuilder();
        ports.forEach((process, port) -> {
            final Map<String, Double> start = before.getOrDefault(process, Map.of());
            final Map<String, Double> end = scrape(port);
            final StringBuilder line = new StringBuilder();
            end.forEach((counter, value) -> {
                final double moved = value - start.getOrDefault(counter, 0.0);
                if (moved > 0 && LOSS.matcher(counter).find()) {
                    line.append(line.isEmpty() ? "" : ", ").append(counter).append(' ').append((long)moved);
                }
            });
            out.append(String.format("  %-15s %s%n", process, end.isEmpty() ? "(no /metrics answer)"
                : line.isEmpty() ? "none" : line));
        });
        return out.toString();
    }

    /**
     * @param text a Prometheus text exposition.
     * @return its {@code saccade_*_total} counters as {@code name{event}} (labels other than the event kept as they
     *     are) to value.
     */
    static Map<String, Double> counters(final String text) {
        final Map<String, Double> counters = new LinkedHashMap<>();
        final Matcher matcher = COUNTER.matcher(text);
        while (matcher.find()) {
            final String labels = matcher.group(2) == null ? "" : "{" + matcher.group(2).replace("event=", "")
                .replace("\"", "") + "}";
            counters.merge(matcher.group(1) + labels, Double.parseDouble(matcher.group(3)), Double::sum);
        }
        return counters;
    }

    private Map<String, Double> scrape(final int port) {
        try {
            final HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + port + "/metrics")).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? counters(response.body()) : Map.of();
        } catch (final IOException ex) {
            return Map.of();
        } catch (final InterruptedException ex) {
            Thread.currentThread().interrupt();
            return Map.of();
        }
    }
}

package io.saccade.runtime.telemetry;

import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;

/**
 * A service's Prometheus metrics, served on {@code /metrics} by its {@link io.saccade.runtime.health.HealthServer}.
 * The counters every stage already keeps ({@link EnumCounters}) are exported as they are, read at scrape time, one
 * series per event ({@code saccade_<service>_<name>_total{event="..."}}), so the hot paths pay nothing extra;
 * latencies are classic histograms in seconds with buckets from 50 µs to 5 s. Thread-safe.
 */
public final class Metrics {
    /** Latency bucket upper bounds, seconds: 50 µs .. 5 s. */
    private static final double[] LATENCY_BOUNDS = {50e-6, 100e-6, 250e-6, 500e-6, 1e-3, 2.5e-3, 5e-3, 10e-3, 20e-3,
        30e-3, 50e-3, 100e-3, 250e-3, 500e-3, 1, 2.5, 5};

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();
    private final String prefix;

    /**
     * @param service the service's kind, e.g. {@code coordinator}; metric names start with {@code saccade_<service>_}.
     */
    public Metrics(final String service) {
        this.prefix = "saccade_" + service + "_";
    }

    /**
     * Exports counters as {@code <prefix><name>_total{event="<constant in lower case>"}}.
     *
     * @param name     what they count, e.g. {@code events}.
     * @param help     one line for people.
     * @param counters the counters.
     * @param <E>      their enum.
     * @return this.
     */
    public <E extends Enum<E>> Metrics counters(final String name, final String help, final EnumCounters<E> counters) {
        CounterWithCallback.builder().name(prefix + name).help(help).labelNames("event")
            .callback(callback -> counters.snapshot().forEach((event, value) ->
                callback.call(value, event.name().toLowerCase(Locale.ROOT))))
            .register(registry);
        return this;
    }

    /**
     * @param name  what it measures, e.g. {@code leader_epoch}.
     * @param help  one line for people.
     * @param value read at scrape time.
     * @return this.
     */
    public Metrics gauge(final String name, final String help, final DoubleSupplier value) {
        GaugeWithCallback.builder().name(prefix + name).help(help)
            .callback(callback -> callback.call(value.getAsDouble())).register(registry);
        return this;
    }

    /**
     * @param name   what it times; the metric is {@code <prefix><name>_seconds}.
     * @param help   one line for people.
     * @param labels label names; observe through {@code labelValues(...)}.
     * @return the histogram; {@link Histogram#observe} takes seconds.
     */
    public Histogram latency(final String name, final String help, final String... labels) {
        return Histogram.builder().name(prefix + name).unit(Unit.SECONDS).help(help).classicOnly()
            .classicUpperBounds(LATENCY_BOUNDS).labelNames(labels).register(registry);
    }

    /**
     * Exports a family of series sampled at scrape time, e.g. one per agent and event.
     *
     * @param name    the family's name after the service prefix (a counter's {@code _total} is added).
     * @param help    one line for people.
     * @param counter whether the values only rise (a counter) or go up and down (a gauge).
     * @param labels  the label names, in the order {@link Sample#accept} takes their values.
     * @param sampler calls {@link Sample#accept} once per series.
     * @return this.
     */
    public Metrics family(final String name, final String help, final boolean counter, final String[] labels,
                          final Consumer<Sample> sampler) {
        if (counter) {
            CounterWithCallback.builder().name(prefix + name).help(help).labelNames(labels)
                .callback(callback -> sampler.accept(callback::call)).register(registry);
        } else {
            GaugeWithCallback.builder().name(prefix + name).help(help).labelNames(labels)
                .callback(callback -> sampler.accept(callback::call)).register(registry);
        }
        return this;
    }

    /** One series of a {@link #family}. */
    @FunctionalInterface
    public interface Sample {
        /**
         * @param value  the series' value now.
         * @param labels its label values.
         */
        void accept(double value, String... labels);
    }

    /** @return every metric in the Prometheus text format. */
    public byte[] scrape() {
        final ByteArrayOutputStream out = new ByteArrayOutputStream(8_192);
        try {
            writer.write(out, registry.scrape());
        } catch (final IOException ex) {
            throw new UncheckedIOException(ex); // a ByteArrayOutputStream does not fail
        }
        return out.toByteArray();
    }

    /** @return the content type of {@link #scrape}. */
    public String contentType() {
        return writer.getContentType();
    }
}

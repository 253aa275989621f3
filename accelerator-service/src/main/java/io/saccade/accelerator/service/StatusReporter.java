package io.saccade.accelerator.service;

import io.saccade.protocol.message.ServiceRole;
import io.saccade.protocol.message.ServiceState;
import io.saccade.protocol.message.ServiceStatus;
import io.saccade.protocol.time.NanoClock;
import io.saccade.runtime.telemetry.EnumCounters;
import java.time.Clock;

/**
 * Builds the service's status messages: state, model, device, load time, throughput since the last report, and the
 * running totals of frames run, skipped and failed.
 */
final class StatusReporter {
    private final String node;
    private final String service;
    private final String model;
    private final String device;
    private final NanoClock clock;
    private final Clock wallClock;
    private volatile ServiceState state = ServiceState.STARTING;
    private volatile String detail = "loading the model";
    private volatile long loadMillis;
    private EnumCounters<InferenceEvent> events;
    private long lastInferred;
    private long lastNanos;

    StatusReporter(final String node, final String service, final String model, final String device,
                   final NanoClock clock, final Clock wallClock) {
        this.node = node;
        this.service = service;
        this.model = model;
        this.device = device;
        this.clock = clock;
        this.wallClock = wallClock;
        this.lastNanos = clock.nanoTime();
    }

    void loaded(final long millis) {
        this.loadMillis = millis;
    }

    void state(final ServiceState newState, final String why) {
        this.state = newState;
        this.detail = why;
    }

    String device() {
        return device;
    }

    ServiceState state() {
        return state;
    }

    String detail() {
        return detail;
    }

    void counting(final EnumCounters<InferenceEvent> counters) {
        this.events = counters;
    }

    /** @return the current status. */
    synchronized ServiceStatus current() {
        return status(state);
    }

    /** @return the status the broker publishes if this process dies: offline. */
    ServiceStatus offline() {
        return status(ServiceState.OFFLINE, "connection lost");
    }

    private ServiceStatus status(final ServiceState now) {
        return status(now, detail);
    }

    private ServiceStatus status(final ServiceState now, final String why) {
        long inferred = 0;
        long skipped = 0;
        long errors = 0;
        double fps = 0;
        if (events != null) {
            inferred = events.get(InferenceEvent.INFERRED);
            skipped = events.get(InferenceEvent.SKIPPED);
            errors = events.get(InferenceEvent.ENGINE_ERROR) + events.get(InferenceEvent.TORN);
            final long nanos = clock.nanoTime();
            if (nanos > lastNanos) {
                fps = (inferred - lastInferred) * 1e9 / (nanos - lastNanos);
            }
            lastInferred = inferred;
            lastNanos = nanos;
        }
        return new ServiceStatus(ServiceStatus.VERSION, node, service, ServiceRole.ACCELERATOR, now, model, device,
            loadMillis, fps, inferred, skipped, errors, why, wallClock.millis());
    }
}

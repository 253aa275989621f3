package io.saccade.robot;

import io.saccade.protocol.message.ServiceRole;
import io.saccade.protocol.message.ServiceState;
import io.saccade.protocol.message.ServiceStatus;
import io.saccade.robot.control.ControlLoop;
import io.saccade.robot.control.DecisionEvent;
import io.saccade.robot.control.DecisionStats;
import io.saccade.runtime.telemetry.EnumCounters;
import java.time.Clock;
import java.util.Locale;

/**
 * The robot's retained status on the broker, as every service has one: STARTING until the first decision is
 * applied, READY while decisions keep coming, DEGRADED while the watchdog holds the motors stopped; decisions
 * applied, refused and the watchdog's stops, and in words the decision age. Its OFFLINE form is the Last Will.
 * Signed with the robot's key, which may vouch for nothing else on MQTT.
 */
final class RobotStatus {
    private final String node;
    private final ControlLoop loop;
    private final Clock wallClock;
    private long lastApplied;
    private long lastMillis;

    /**
     * @param node      the robot's name on the broker, {@code robot-<stream>}.
     * @param loop      its control loop.
     * @param wallClock wall time, for the rate and the display field.
     */
    RobotStatus(final String node, final ControlLoop loop, final Clock wallClock) {
        this.node = node;
        this.loop = loop;
        this.wallClock = wallClock;
        this.lastMillis = wallClock.millis();
    }

    /** @return the status now. */
    synchronized ServiceStatus current() {
        final EnumCounters<DecisionEvent> events = loop.events();
        final long applied = events.get(DecisionEvent.ACCEPTED);
        final long now = wallClock.millis();
        final double rate = now > lastMillis ? (applied - lastApplied) * 1_000.0 / (now - lastMillis) : 0;
        lastApplied = applied;
        lastMillis = now;
        final ServiceState state = applied == 0 ? ServiceState.STARTING
            : loop.stoppedByWatchdog() ? ServiceState.DEGRADED : ServiceState.READY;
        return status(state, rate, applied, refused(events), events.get(DecisionEvent.WATCHDOG_STOP),
            detail(state, events, loop.stats().summary()), now);
    }

    /**
     * @param why why the robot is offline: its Last Will, or a clean stop.
     * @return the OFFLINE status.
     */
    ServiceStatus offline(final String why) {
        final EnumCounters<DecisionEvent> events = loop.events();
        return status(ServiceState.OFFLINE, 0, events.get(DecisionEvent.ACCEPTED), refused(events),
            events.get(DecisionEvent.WATCHDOG_STOP), why, wallClock.millis());
    }

    private ServiceStatus status(final ServiceState state, final double rate, final long applied, final long refused,
                                 final long watchdogStops, final String detail, final long now) {
        return new ServiceStatus(ServiceStatus.VERSION, node, "robot", ServiceRole.ROBOT, state, null,
            loop.motor().describe(), 0, rate, applied, refused, watchdogStops, detail, now);
    }

    /** Decisions that reached the gate and were not applied, the second copy of each excepted. */
    private static long refused(final EnumCounters<DecisionEvent> events) {
        return events.get(DecisionEvent.STALE_EPOCH) + events.get(DecisionEvent.STALE_FRAME)
            + events.get(DecisionEvent.FUTURE_EPOCH) + events.get(DecisionEvent.TOO_OLD)
            + events.get(DecisionEvent.FUTURE_CAPTURE) + events.get(DecisionEvent.BAD_MAC)
            + events.get(DecisionEvent.BAD_PAYLOAD) + events.get(DecisionEvent.BAD_DATAGRAM);
    }

    private static String detail(final ServiceState state, final EnumCounters<DecisionEvent> events,
                                 final DecisionStats.Summary summary) {
        final String doing = switch (state) {
            case STARTING -> "no decision applied yet";
            case DEGRADED -> "watchdog holds the motors stopped";
            default -> "decisions applied";
        };
        return String.format(Locale.ROOT, "%s; capture->decision p50 %.1f ms p99 %.1f ms; %d too old, %d watchdog "
                + "stops", doing, summary.latencyP50Micros() / 1e3, summary.latencyP99Micros() / 1e3,
            events.get(DecisionEvent.TOO_OLD), events.get(DecisionEvent.WATCHDOG_STOP));
    }
}

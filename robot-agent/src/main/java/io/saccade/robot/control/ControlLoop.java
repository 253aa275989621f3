package io.saccade.robot.control;

import io.saccade.protocol.message.Action;
import io.saccade.protocol.message.Decision;
import io.saccade.protocol.message.LeaderStamp;
import io.saccade.protocol.time.NanoClock;
import io.saccade.runtime.agent.AgentRunner;
import io.saccade.runtime.agent.PeriodicAgent;
import io.saccade.runtime.telemetry.EnumCounters;
import java.util.concurrent.TimeUnit;

/**
 * Applies each accepted decision to the motors the moment it arrives, and stops them when valid decisions stop
 * coming: the watchdog checks four times per period and commands STOP once, on the first check that finds the last
 * valid decision older than the period (so the motors stop at most 1.25 periods after the last one). The next valid
 * decision takes over again. Thread-safe.
 */
public final class ControlLoop implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(ControlLoop.class.getName());

    private final DecisionGate gate;
    private final MotorPort motor;
    private final long watchdogNanos;
    private final NanoClock clock;
    private final DecisionStats stats = new DecisionStats();
    private final EnumCounters<DecisionEvent> events = new EnumCounters<>(DecisionEvent.class);
    private final Listener listener;
    private AgentRunner watchdog;
    private long lastValidNanos;
    private boolean stoppedByWatchdog;
    private Decision last;

    /** Told about every decision the motors got, after they got it. */
    @FunctionalInterface
    public interface Listener {
        /**
         * @param decision     the decision.
         * @param arrivedNanos when it arrived.
         */
        void applied(Decision decision, long arrivedNanos);
    }

    /**
     * @param gate          the fence and de-duplication.
     * @param motor         the drive.
     * @param watchdogNanos longest time without a valid decision before the motors stop.
     * @param clock         the robot's monotonic clock (the one frames are stamped with).
     * @param listener      told about every applied decision.
     */
    public ControlLoop(final DecisionGate gate, final MotorPort motor, final long watchdogNanos,
                       final NanoClock clock, final Listener listener) {
        this.gate = gate;
        this.motor = motor;
        this.watchdogNanos = watchdogNanos;
        this.clock = clock;
        this.listener = listener;
        this.lastValidNanos = clock.nanoTime();
        motor.apply(Action.STOP);
    }

    /**
     * Starts the watchdog, an agent of its own: nothing else the robot does can delay a stop.
     *
     * @return this loop.
     */
    public ControlLoop start() {
        final long period = Math.max(1, watchdogNanos / 4);
        final PeriodicAgent checks = new PeriodicAgent("watchdog", clock).every(period, period, this::checkWatchdog);
        watchdog = AgentRunner.builder(checks).idle(checks.idleStrategy()).clock(clock).daemon().start();
        return this;
    }

    /**
     * Offers a decision that passed authentication.
     *
     * @param decision the decision.
     * @return what the gate said; only {@link DecisionEvent#ACCEPTED} reaches the motors.
     */
    public DecisionEvent offer(final Decision decision) {
        return offer(decision, clock.nanoTime());
    }

    /**
     * Offers a decision that passed authentication.
     *
     * @param decision the decision.
     * @param arrived  when it arrived, on {@link #clock()}.
     * @return what the gate said; only {@link DecisionEvent#ACCEPTED} reaches the motors.
     */
    public DecisionEvent offer(final Decision decision, final long arrived) {
        final DecisionEvent verdict;
        synchronized (this) {
            verdict = gate.offer(decision, arrived);
            events.increment(verdict);
            if (verdict != DecisionEvent.ACCEPTED) {
                return verdict;
            }
            motor.apply(decision.action());
            lastValidNanos = arrived;
            stoppedByWatchdog = false;
            last = decision;
        }
        stats.record(decision, arrived);
        listener.applied(decision, arrived);
        return verdict;
    }

    /** @return the robot's monotonic clock, the one frames are stamped with. */
    public NanoClock clock() {
        return clock;
    }

    /**
     * Stops the motors when no valid decision came for the watchdog period; runs on the watchdog thread, and
     * directly in tests.
     *
     * @return whether it stopped them just now.
     */
    public synchronized boolean checkWatchdog() {
        if (stoppedByWatchdog || clock.nanoTime() - lastValidNanos <= watchdogNanos) {
            return false;
        }
        motor.apply(Action.STOP);
        stoppedByWatchdog = true;
        events.increment(DecisionEvent.WATCHDOG_STOP);
        LOG.log(System.Logger.Level.WARNING, "watchdog: no valid decision for {0,number,#} ms, motors stopped",
            TimeUnit.NANOSECONDS.toMillis(clock.nanoTime() - lastValidNanos));
        return true;
    }

    /** @return the last decision applied, or {@code null}. */
    public synchronized Decision last() {
        return last;
    }

    /** @return the highest leadership the gate has seen, or {@code null}. */
    public LeaderStamp highestLeader() {
        return gate.highest();
    }

    /** @return whether the watchdog holds the motors stopped. */
    public synchronized boolean stoppedByWatchdog() {
        return stoppedByWatchdog;
    }

    /** @return the counters; the receiver counts into them too. */
    public EnumCounters<DecisionEvent> events() {
        return events;
    }

    /** @return the latency and evidence statistics. */
    public DecisionStats stats() {
        return stats;
    }

    /** @return the motor port. */
    public MotorPort motor() {
        return motor;
    }

    /** Stops the watchdog and the motors. */
    @Override
    public void close() {
        if (watchdog != null) {
            watchdog.close();
        }
        motor.close();
    }
}

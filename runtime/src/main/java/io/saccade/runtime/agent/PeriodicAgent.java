package io.saccade.runtime.agent;

import io.saccade.protocol.time.NanoClock;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;

/**
 * A service's housekeeping on one agent: tasks at a fixed rate (heartbeats, status, the election tick, a
 * watchdog) and one-off tasks handed over from other threads ({@link #execute}), all run on the agent's thread in
 * the order they fall due, so they need no locks among themselves. A task late by more than a period runs once,
 * not once per missed period. Run it with {@link #idleStrategy()}, which parks until the next task is due.
 * Tasks are added before the agent starts.
 */
public final class PeriodicAgent implements Agent {
    /** The longest park, so a stop is seen within it. */
    private static final long LONGEST_PARK_NANOS = 100_000_000L;

    private final String role;
    private final NanoClock clock;
    private final List<Task> tasks = new ArrayList<>();
    private final Queue<Runnable> handedOver = new ConcurrentLinkedQueue<>();
    private volatile Thread owner;

    /**
     * @param role  the agent's role name.
     * @param clock when tasks fall due.
     */
    public PeriodicAgent(final String role, final NanoClock clock) {
        this.role = role;
        this.clock = clock;
    }

    /**
     * @param firstAfterNanos when the task first runs, from now.
     * @param periodNanos     then every period.
     * @param action          the task.
     * @return this agent.
     */
    public PeriodicAgent every(final long firstAfterNanos, final long periodNanos, final Runnable action) {
        if (periodNanos <= 0) {
            throw new IllegalArgumentException("a period must be positive: " + periodNanos + " ns");
        }
        tasks.add(new Task(action, periodNanos, clock.nanoTime() + firstAfterNanos));
        return this;
    }

    /**
     * Runs a task on this agent's thread as soon as it turns; callable from any thread.
     *
     * @param action the task.
     */
    public void execute(final Runnable action) {
        handedOver.add(action);
        final Thread thread = owner;
        if (thread != null) {
            LockSupport.unpark(thread);
        }
    }

    @Override
    public void onStart() {
        owner = Thread.currentThread();
    }

    @Override
    public int doWork() {
        int work = 0;
        for (Runnable action = handedOver.poll(); action != null; action = handedOver.poll()) {
            action.run();
            work++;
        }
        final long now = clock.nanoTime();
        for (final Task task : tasks) {
            if (now - task.dueNanos >= 0) {
                task.dueNanos = now - task.dueNanos >= task.periodNanos ? now + task.periodNanos
                    : task.dueNanos + task.periodNanos;
                task.action.run();
                work++;
            }
        }
        return work;
    }

    /** @return how long until the next task is due (0 when one is, or one was handed over). */
    public long nanosToNextDue() {
        if (!handedOver.isEmpty()) {
            return 0;
        }
        final long now = clock.nanoTime();
        long next = Long.MAX_VALUE;
        for (final Task task : tasks) {
            next = Math.min(next, Math.max(0, task.dueNanos - now));
        }
        return next;
    }

    /** @return the idle strategy this agent runs with: park until the next task is due. */
    public IdleStrategy idleStrategy() {
        return IdleStrategy.untilDeadline(this::nanosToNextDue, LONGEST_PARK_NANOS);
    }

    @Override
    public String roleName() {
        return role;
    }

    private static final class Task {
        private final Runnable action;
        private final long periodNanos;
        private long dueNanos;

        private Task(final Runnable action, final long periodNanos, final long dueNanos) {
            this.action = action;
            this.periodNanos = periodNanos;
            this.dueNanos = dueNanos;
        }
    }
}

package io.saccade.runtime.agent;

import io.saccade.os.cpu.AffinityException;
import io.saccade.os.cpu.CpuSet;
import io.saccade.os.cpu.ThreadAffinity;
import io.saccade.protocol.time.NanoClock;
import io.saccade.runtime.telemetry.EnumCounters;
import io.saccade.runtime.telemetry.RateLimitedLog;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Owns the thread an {@link Agent} runs on: names it after the agent's role, pins it when asked, turns the agent's
 * duty cycle until closed, idles between turns without work, and keeps the agent's health:
 * <ul>
 *   <li>an exception from a turn is counted ({@link AgentEvent#ERROR}), logged with its stack trace at most once per
 *       10 s, and the next turn runs: one bad frame never ends a stage;</li>
 *   <li>an {@link Error} (or a failed {@link Agent#onStart()}) ends the agent ({@link AgentEvent#FAILED}) and
 * {@link #problem(long)} reports it, so the service's {@code /live} fails instead of a thread dying silently;</li>
 *   <li>a turn that did work and took longer than the budget is a stall ({@link AgentEvent#STALL}); the longest
 *       turn is kept. An agent that waits for input inside its turn says when the input came
 *       ({@link WaitingAgent}), so the wait is not taken for work.</li>
 * </ul>
 * {@link #close()} asks the loop to end, wakes it, waits a bounded time, and the agent's {@link Agent#onClose()} runs
 * on its own thread after its last turn. Built with {@link #builder(Agent)}.
 * <p>
 * Large because the runner and its builder are one contract (how an agent is run); half of the lines are the builder's
 * documented options.
 */
public final class AgentRunner implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(AgentRunner.class.getName());
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final long CLOSE_WAIT_MILLIS = TimeUnit.SECONDS.toMillis(5);

    private final Agent agent;
    private final IdleStrategy idle;
    private final NanoClock clock;
    private final long budgetNanos;
    private final CpuSet cpus;
    private final ThreadAffinity affinity;
    private final EnumCounters<AgentEvent> events = new EnumCounters<>(AgentEvent.class);
    private final RateLimitedLog errors;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile long lastTurnNanos;
    private volatile long longestTurnNanos;
    private volatile Throwable failure;
    private boolean neverStartedClosed;

    private AgentRunner(final Builder builder) {
        this.agent = builder.agent;
        this.idle = builder.idle;
        this.clock = builder.clock;
        this.budgetNanos = builder.budgetNanos;
        this.cpus = builder.cpus;
        this.affinity = builder.affinity;
        this.errors = new RateLimitedLog(LOG, clock, TimeUnit.SECONDS.toNanos(10));
        this.lastTurnNanos = clock.nanoTime();
        this.thread = Thread.ofPlatform().name(agent.roleName()).daemon(builder.daemon).unstarted(this::run);
    }

    /**
     * @param agent the agent to run.
     * @return a builder; the defaults block inside the agent's turn, allow 1 s per turn and do not pin.
     */
    public static Builder builder(final Agent agent) {
        return new Builder(agent);
    }

    private void run() {
        pin();
        try {
            agent.onStart();
        } catch (final Exception | Error ex) {
            fail("could not start", ex);
            agent.onClose();
            return;
        }
        try {
            while (running) {
                if (turn() < 0) {
                    if (failure == null) {
                        LOG.log(System.Logger.Level.INFO, "{0} finished", agent.roleName());
                    }
                    break;
                }
            }
        } finally {
            running = false;
            agent.onClose();
        }
    }

    private int turn() {
        final long start = clock.nanoTime();
        final int work;
        try {
            work = agent.doWork();
        } catch (final Error ex) {
            fail("died", ex);
            return -1;
        } catch (final Exception ex) {
            events.increment(AgentEvent.ERROR);
            if (errors.acquire()) {
                LOG.log(System.Logger.Level.WARNING, "a turn of " + agent.roleName() + " failed ("
                    + events.get(AgentEvent.ERROR) + " so far); it goes on", ex);
            }
            lastTurnNanos = clock.nanoTime();
            return 0;
        }
        final long end = clock.nanoTime();
        lastTurnNanos = end;
        events.increment(AgentEvent.TURN);
        if (work > 0) {
            account(end - Math.max(start, agent instanceof WaitingAgent waiting ? waiting.inputAtNanos() : start));
            events.increment(AgentEvent.WORKED);
        }
        idle.idle(work);
        return work;
    }

    private void account(final long turnNanos) {
        if (turnNanos > longestTurnNanos) {
            longestTurnNanos = turnNanos;
        }
        if (turnNanos > budgetNanos) {
            events.increment(AgentEvent.STALL);
        }
    }

    private void fail(final String what, final Throwable ex) {
        failure = ex;
        running = false;
        events.increment(AgentEvent.FAILED);
        LOG.log(System.Logger.Level.ERROR, agent.roleName() + " " + what + "; it runs no more", ex);
    }

    private void pin() {
        if (cpus == null) {
            return;
        }
        try {
            final CpuSet effective = affinity.pinCurrentThread(cpus);
            LOG.log(System.Logger.Level.DEBUG, "{0} pinned to CPUs {1}", agent.roleName(), effective);
        } catch (final AffinityException ex) {
            LOG.log(System.Logger.Level.WARNING, "{0} runs unpinned: {1}", agent.roleName(), ex.getMessage());
        }
    }

    /**
     * Starts the agent's thread.
     *
     * @return this runner.
     */
    public AgentRunner start() {
        thread.start();
        return this;
    }

    /** Unparks the agent's thread if it idles, so work handed to it from another thread is seen at once. */
    public void wake() {
        LockSupport.unpark(thread);
    }

    /**
     * @param silentNanos how long a running agent may go without a turn.
     * @return {@code null} while the agent is healthy, else why not: it failed, or it has not turned for too long.
     */
    public String problem(final long silentNanos) {
        final Throwable failed = failure;
        if (failed != null) {
            return agent.roleName() + " failed: " + failed;
        }
        final long silent = clock.nanoTime() - lastTurnNanos;
        return running && silent > silentNanos ? agent.roleName() + " has not turned for "
            + TimeUnit.NANOSECONDS.toMillis(silent) + " ms" : null;
    }

    /** @return the agent's role. */
    public String roleName() {
        return agent.roleName();
    }

    /** @return what this runner counted; read from any thread. */
    public EnumCounters<AgentEvent> events() {
        return events;
    }

    /** @return the longest turn that did work so far, excluding a {@link WaitingAgent}'s wait. */
    public long longestTurnNanos() {
        return longestTurnNanos;
    }

    /** @return the CPU time the agent's thread has used, or -1 when the JVM cannot tell (or it has not started). */
    public long cpuNanos() {
        return THREADS.isThreadCpuTimeSupported() ? THREADS.getThreadCpuTime(thread.threadId()) : -1;
    }

    /** @return whether the agent's thread is still running. */
    public boolean isAlive() {
        return thread.isAlive();
    }

    /** Ends the loop after the current turn and waits (bounded) for the agent to close on its own thread. */
    @Override
    public void close() {
        running = false;
        if (thread.getState() == Thread.State.NEW) {
            if (!neverStartedClosed) {
                neverStartedClosed = true;
                agent.onClose();
            }
            return;
        }
        if (Thread.currentThread() == thread) {
            return; // asked from its own turn: the loop ends after it
        }
        wake();
        try {
            thread.join(CLOSE_WAIT_MILLIS);
            if (thread.isAlive()) {
                LOG.log(System.Logger.Level.WARNING, "{0} did not stop within {1} ms; interrupting it",
                    agent.roleName(), CLOSE_WAIT_MILLIS);
                thread.interrupt();
                thread.join(CLOSE_WAIT_MILLIS);
            }
        } catch (final InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    /** How an agent is run. */
    public static final class Builder {
        private final Agent agent;
        private IdleStrategy idle = IdleStrategy.blocking();
        private NanoClock clock = NanoClock.system();
        private long budgetNanos = TimeUnit.SECONDS.toNanos(1);
        private CpuSet cpus;
        private ThreadAffinity affinity;
        private boolean daemon;

        private Builder(final Agent agent) {
            this.agent = Objects.requireNonNull(agent, "agent");
        }

        /**
         * @param strategy what the thread does after a turn without work.
         * @return this.
         */
        public Builder idle(final IdleStrategy strategy) {
            this.idle = Objects.requireNonNull(strategy, "strategy");
            return this;
        }

        /**
         * @param nanos the longest turn with work that is not a stall.
         * @return this.
         */
        public Builder budgetNanos(final long nanos) {
            if (nanos <= 0) {
                throw new IllegalArgumentException("a turn budget must be positive: " + nanos + " ns");
            }
            this.budgetNanos = nanos;
            return this;
        }

        /**
         * @param wish  the CPUs the thread should run on (intersected with what the process may use).
         * @param using how to pin.
         * @return this.
         */
        public Builder pinnedTo(final CpuSet wish, final ThreadAffinity using) {
            this.cpus = Objects.requireNonNull(wish, "wish");
            this.affinity = Objects.requireNonNull(using, "using");
            return this;
        }

        /**
         * @param time the clock turns are timed on; the agent's own, so tests can drive both.
         * @return this.
         */
        public Builder clock(final NanoClock time) {
            this.clock = Objects.requireNonNull(time, "time");
            return this;
        }

        /**
         * The thread does not keep the JVM alive (housekeeping; the service's main agents keep the default).
         *
         * @return this.
         */
        public Builder daemon() {
            this.daemon = true;
            return this;
        }

        /** @return the runner, not started. */
        public AgentRunner build() {
            return new AgentRunner(this);
        }

        /** @return the runner, started. */
        public AgentRunner start() {
            return build().start();
        }
    }
}

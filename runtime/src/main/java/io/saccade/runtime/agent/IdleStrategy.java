package io.saccade.runtime.agent;

import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * What an {@link AgentRunner}'s thread does after a turn with no work. On two shared cores nothing spins: an agent
 * that waits for its input inside {@link Agent#doWork()} needs no idling at all, a paced agent parks until its next
 * deadline, a polling one parks for its period. {@link AgentRunner#wake()} unparks any of them early.
 */
@FunctionalInterface
public interface IdleStrategy {
    /**
     * @param workCount what the turn did; the strategy idles only when it is 0.
     */
    void idle(int workCount);

    /** @return a strategy for agents that block (with a timeout) inside their own duty cycle. */
    static IdleStrategy blocking() {
        return workCount -> {
        };
    }

    /**
     * @param nanos how long to park after a turn with no work.
     * @return a strategy that parks for a fixed time.
     */
    static IdleStrategy parking(final long nanos) {
        if (nanos <= 0) {
            throw new IllegalArgumentException("an idle park must be positive: " + nanos + " ns");
        }
        return workCount -> {
            if (workCount <= 0) {
                LockSupport.parkNanos(nanos);
            }
        };
    }

    /**
     * @param nanosToDeadline how long until the agent has work again, asked after every idle turn.
     * @param longestNanos    the longest park, so a stop or a changed deadline is seen within it.
     * @return a strategy that parks until the agent's next deadline.
     */
    static IdleStrategy untilDeadline(final LongSupplier nanosToDeadline, final long longestNanos) {
        return workCount -> {
            if (workCount <= 0) {
                final long wait = Math.min(nanosToDeadline.getAsLong(), longestNanos);
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
            }
        };
    }
}

package io.saccade.runtime.agent;

/**
 * A single-threaded unit of work that an {@link AgentRunner} turns in a loop: the stage owns its state, nothing else
 * touches it, and other threads reach it only through the queues, rings or volatile fields it reads. The shape is
 * Aeron's: {@link #doWork()} is one duty cycle and says how much it did, so the runner can idle when there was
 * nothing to do and tests can drive the cycle one turn at a time.
 */
public interface Agent {
    /**
     * Called once on the agent's thread before the first turn (after it was pinned).
     *
     * @throws Exception when the agent cannot start; the runner reports it and does not turn.
     */
    default void onStart() throws Exception {
    }

    /**
     * One duty cycle. An agent that waits for its input (a ring's futex, a mailbox, a socket) does so here with a
     * bounded timeout, so a stop is seen within that bound.
     *
     * @return the work done (0 when there was none, so the runner idles), or a negative number when the agent has
     *     finished for good (a finite source ended): the runner closes it.
     * @throws Exception anything unexpected; the runner counts it, logs it (rate-limited) and turns again.
     */
    int doWork() throws Exception;

    /** Called once on the agent's thread after the last turn; releases what the agent owns. */
    default void onClose() {
    }

    /** @return the agent's role, e.g. {@code decode}; its thread, log lines and metrics are named after it. */
    String roleName();
}

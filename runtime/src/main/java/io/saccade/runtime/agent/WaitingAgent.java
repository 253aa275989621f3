package io.saccade.runtime.agent;

/**
 * An agent that waits for its input inside {@link #doWork()} (a ring's futex, a mailbox, a socket with a timeout).
 * It says when the input of its last turn came, so its runner times the work, not the wait.
 */
public interface WaitingAgent extends Agent {
    /** @return when the last turn's input arrived, on the runner's clock; read on the agent's thread after a turn. */
    long inputAtNanos();
}

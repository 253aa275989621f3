package io.saccade.runtime.agent;

/** What an {@link AgentRunner} counts about its agent; exported as {@code saccade_<service>_agent_total}. */
public enum AgentEvent {
    /** A duty cycle ran. */
    TURN,
    /** A duty cycle did work. */
    WORKED,
    /** A duty cycle that did work took longer than the agent's budget. */
    STALL,
    /** A duty cycle threw; the runner turned again. */
    ERROR,
    /** The agent could not start or threw an {@link Error}: it turns no more and its service is not live. */
    FAILED
}

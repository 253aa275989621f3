package io.saccade.preprocess.ingress;

/** What the node's clock probing did. */
public enum ClockEvent {
    /** Requests sent to robots. */
    PROBES_SENT,
    /** Replies that became samples. */
    SAMPLES,
    /** Replies refused: malformed, wrong key or tag. */
    REFUSED,
    /** Valid replies to a request that was no longer the one outstanding (late, duplicated): dropped. */
    LATE,
    /** Samples that contradicted the clock offset held (the robot restarted): the estimate started over. */
    CLOCK_JUMPS
}

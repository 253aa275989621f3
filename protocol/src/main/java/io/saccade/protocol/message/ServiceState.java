package io.saccade.protocol.message;

/** Life cycle of a service as its status topic reports it. */
public enum ServiceState {
    /** Loading, warming up or connecting; not doing its job yet. */
    STARTING,
    /** Doing its job. */
    READY,
    /** Running but not fully doing its job; the detail says why. */
    DEGRADED,
    /** Gone: shut down cleanly, or announced by the broker as its Last Will. */
    OFFLINE
}

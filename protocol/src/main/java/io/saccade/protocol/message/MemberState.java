package io.saccade.protocol.message;

/** Membership state of a coordinator replica. */
public enum MemberState {
    /** Heartbeating and eligible to lead. */
    ALIVE,
    /** Gone: left cleanly, or announced by the broker as its Last Will. */
    GONE
}

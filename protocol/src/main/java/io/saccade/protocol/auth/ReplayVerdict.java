package io.saccade.protocol.auth;

/** What {@link ReplayGuard} made of an authenticated message's counter. */
public enum ReplayVerdict {
    /** Newer than anything the sender sent on the topic before: use it. */
    FRESH,
    /** The message accepted last on this topic from this sender, again (a retained copy after a reconnect). */
    DUPLICATE,
    /** Older than the newest accepted on this topic from this sender: a replay, or a message overtaken. */
    REPLAYED,
    /** A counter beyond this receiver's wall clock plus the allowed skew: it would lock the sender out. */
    FUTURE,
    /** A Last Will from a session of the sender older than the one it is in now: a replay of a dead session. */
    STALE_WILL
}

package io.saccade.runtime.mqtt;

/** What happened to a message that arrived on a signed topic, counted by reason. */
public enum InboundEvent {
    /** Authenticated, fresh, well formed, on its own topic: handed to the service. */
    ACCEPTED,
    /** Not an envelope at all: unsigned JSON, typically (a client of the broker without a key). */
    UNSIGNED,
    /** An envelope cut short, or with a malformed header (version, flags, sender, counter). */
    MALFORMED_ENVELOPE,
    /** Signed with a key id this service does not hold. */
    UNKNOWN_KEY,
    /** Signed with a key whose role may not vouch for this message (the robot's key on cluster state). */
    WRONG_KEY_ROLE,
    /** The tag does not verify: forged, mutated, signed with another key, or moved from another topic. */
    BAD_MAC,
    /** Older than the newest message accepted from its sender on its topic: a replay. */
    REPLAYED,
    /** The message accepted last from its sender on its topic, again (a retained copy after a reconnect). */
    DUPLICATE,
    /** A counter beyond this service's clock plus the allowed skew: it would lock its sender out. */
    FUTURE_COUNTER,
    /** A Last Will of a session older than its sender's current one. */
    STALE_WILL,
    /** Authenticated, but its JSON is not a valid message of the topic's type. */
    BAD_PAYLOAD,
    /** Authenticated, but the message belongs on another topic than the one it arrived on. */
    WRONG_TOPIC
}

package io.saccade.protocol.mqtt;

/** Why a received MQTT payload was accepted or refused as a signed envelope, before its message is parsed. */
public enum EnvelopeVerdict {
    /** Well formed and authenticated for its topic: the message may be parsed. */
    VALID,
    /** Shorter than a header, its sender id and a tag: an unsigned payload, or a cut one. */
    TRUNCATED,
    /** Not an envelope (another magic): typically an unsigned JSON message. */
    BAD_MAGIC,
    /** An envelope layout version this build does not read. */
    UNSUPPORTED_VERSION,
    /** Signed with a key id the receiver does not hold for this topic. */
    UNKNOWN_KEY,
    /** Flag bits this version does not define. */
    BAD_FLAGS,
    /** The sender id is empty or holds characters outside {@code A-Z a-z 0-9 . _ - /}. */
    BAD_SENDER,
    /** The counter is not positive, or the session starts after it. */
    BAD_COUNTER,
    /** The tag is wrong: forged, corrupted, signed with another key, or published on another topic. */
    BAD_MAC
}

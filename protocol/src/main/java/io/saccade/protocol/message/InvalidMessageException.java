package io.saccade.protocol.message;

/** A payload that is not a valid message of the expected type. Bad input: count it, drop it, carry on. */
public final class InvalidMessageException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Why a payload was refused; a stable label for counters. */
    public enum Reason {
        /** Larger than {@link MessageCodec#MAX_PAYLOAD_BYTES}. */
        TOO_LARGE,
        /** Not well-formed JSON, or not a JSON object. */
        MALFORMED_JSON,
        /** No version, or a version this build does not read. */
        UNSUPPORTED_VERSION,
        /** A field this version does not define. */
        UNKNOWN_FIELD,
        /** A field missing, of the wrong type, or out of range. */
        INVALID_VALUE
    }

    private final Reason reason;

    /**
     * @param reason  why the payload was refused.
     * @param message what exactly is wrong.
     * @param cause   the parser's complaint, if any.
     */
    public InvalidMessageException(final Reason reason, final String message, final Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    /** @return why the payload was refused. */
    public Reason reason() {
        return reason;
    }
}

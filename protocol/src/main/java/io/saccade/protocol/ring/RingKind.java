package io.saccade.protocol.ring;

/** What a slot ring carries; stored in its header so that a ring opened for the wrong purpose is refused. */
public enum RingKind {
    /** Model input tensors of one input spec. */
    TENSOR(1),
    /** Small grey thumbnails of every frame, for change scores. */
    THUMBNAIL(2),
    /** Colour previews of recent frames, a few a second, for the dashboard's live view. */
    PREVIEW(3);

    private final int code;

    RingKind(final int code) {
        this.code = code;
    }

    /** @return the value stored in the header. */
    public int code() {
        return code;
    }

    /**
     * @param code a stored value.
     * @return the kind, or {@code null} when the value names none.
     */
    public static RingKind ofCode(final int code) {
        for (final RingKind kind : values()) {
            if (kind.code == code) {
                return kind;
            }
        }
        return null;
    }
}

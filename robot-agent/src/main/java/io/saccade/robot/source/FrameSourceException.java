package io.saccade.robot.source;

/** A source that cannot deliver: a device that does not open, a file that does not decode, a stream that broke. */
public final class FrameSourceException extends Exception {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what failed, naming the source.
     * @param cause   the underlying failure, if any.
     */
    public FrameSourceException(final String message, final Throwable cause) {
        super(message, cause);
    }
}

package io.saccade.accelerator.service;

/** The service cannot start; the message says what to fix. */
public final class AcceleratorStartException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what is wrong and what to do.
     * @param cause   the underlying error, or {@code null}.
     */
    public AcceleratorStartException(final String message, final Throwable cause) {
        super(message, cause);
    }
}

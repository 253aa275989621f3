package io.saccade.accelerator.inference;

/** A detector could not be loaded or could not run. */
public final class DetectorException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what is wrong, naming the model.
     */
    public DetectorException(final String message) {
        super(message);
    }

    /**
     * @param message what failed, naming the model.
     * @param cause   the engine's error.
     */
    public DetectorException(final String message, final Throwable cause) {
        super(message, cause);
    }
}

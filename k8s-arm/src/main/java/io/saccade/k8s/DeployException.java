package io.saccade.k8s;

/** The cluster refused or failed an operation; the message says which and why. */
public final class DeployException extends Exception {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what failed.
     */
    public DeployException(final String message) {
        super(message);
    }

    /**
     * @param message what failed.
     * @param cause   the client's exception.
     */
    public DeployException(final String message, final Throwable cause) {
        super(message, cause);
    }
}

package io.saccade.k8s;

/** A manifest that is not YAML, not a known Kubernetes kind, or has fields its kind does not have. */
public final class InvalidManifestException extends Exception {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what is wrong, and where.
     */
    public InvalidManifestException(final String message) {
        super(message);
    }

    /**
     * @param message what is wrong, and where.
     * @param cause   the parser's complaint.
     */
    public InvalidManifestException(final String message, final Throwable cause) {
        super(message, cause);
    }
}

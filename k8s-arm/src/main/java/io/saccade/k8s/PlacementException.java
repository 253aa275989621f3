package io.saccade.k8s;

/** The models cannot be placed on the cluster's nodes as asked. */
public final class PlacementException extends Exception {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what is missing, naming the nodes and what they have.
     */
    public PlacementException(final String message) {
        super(message);
    }
}

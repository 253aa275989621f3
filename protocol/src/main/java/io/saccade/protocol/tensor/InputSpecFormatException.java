package io.saccade.protocol.tensor;

/** An input spec, as text or as bytes, that does not describe a valid model input. */
public final class InputSpecFormatException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what is wrong, naming the offending part.
     */
    public InputSpecFormatException(final String message) {
        super(message);
    }
}

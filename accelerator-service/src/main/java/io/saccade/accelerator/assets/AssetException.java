package io.saccade.accelerator.assets;

/** An asset that cannot be had: no network, a tool missing, or bytes that do not match their checksum. */
public final class AssetException extends Exception {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what failed and what to do about it.
     * @param cause   the underlying failure, if any.
     */
    public AssetException(final String message, final Throwable cause) {
        super(message, cause);
    }
}

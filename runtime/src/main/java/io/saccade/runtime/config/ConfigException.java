package io.saccade.runtime.config;

/** A setting that cannot be used; the message names the setting, and the file when there is one. */
public final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what is wrong, naming the setting.
     */
    public ConfigException(final String message) {
        super(message);
    }

    /**
     * @param message what is wrong, naming the setting.
     * @param cause   the underlying failure.
     */
    public ConfigException(final String message, final Throwable cause) {
        super(message, cause);
    }
}

package io.saccade.os.cpu;

/** Pinning a thread failed: the kernel refused (with its errno text), or no wished-for CPU is allowed. */
public final class AffinityException extends Exception {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what was asked and why it failed.
     */
    public AffinityException(final String message) {
        super(message);
    }
}

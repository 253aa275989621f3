package io.saccade.preprocess.shm;

import java.io.IOException;

/** The shared-memory file system has no room for a ring; the message says how much is needed and how to get it. */
public final class InsufficientSharedMemoryException extends IOException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what is needed, what is free, and where to set the size.
     */
    public InsufficientSharedMemoryException(final String message) {
        super(message);
    }
}

package io.saccade.protocol.ring;

import java.nio.file.Path;

/** A slot ring file that cannot be used: wrong magic, version, kind, geometry or length. The message names it. */
public final class InvalidRingException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient Path file;

    /**
     * @param file   the offending file.
     * @param reason what is wrong with it.
     */
    public InvalidRingException(final Path file, final String reason) {
        super("slot ring " + file + ": " + reason);
        this.file = file;
    }

    /** @return the offending file. */
    public Path file() {
        return file;
    }
}

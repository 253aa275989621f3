package io.saccade.protocol.ring;

import java.nio.file.Path;

/** A slot ring another live writer still writes: two writers on one ring would corrupt it, so the second refuses. */
public final class RingBusyException extends Exception {
    private static final long serialVersionUID = 1L;

    /**
     * @param file   the ring.
     * @param writer who writes it.
     * @param detail how the writer was judged alive.
     */
    public RingBusyException(final Path file, final ProcessIdentity writer, final String detail) {
        super("slot ring " + file + " is written by pid " + writer.pid() + " (" + detail + "); stop that process "
            + "first, or give this one another shared-memory directory");
    }
}

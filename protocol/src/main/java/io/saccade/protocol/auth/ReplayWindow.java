package io.saccade.protocol.auth;

/**
 * Refuses authenticated frames that are too old to be anything but a replay: a sequence number more than
 * {@code window} frames below the highest one authenticated on the stream. Within the window, late and duplicate
 * fragments are the reassembler's business (it drops them as stale or duplicate). Senders put a boot epoch in the
 * high bits of their sequence numbers, so a restarted sender jumps ahead rather than falling behind.
 * <p>
 * Single-threaded, one per stream.
 */
public final class ReplayWindow {
    private final long window;
    private long highest = Long.MIN_VALUE;
    private boolean seen;

    /**
     * @param window how many frames below the highest authenticated one are still accepted.
     */
    public ReplayWindow(final long window) {
        if (window < 1) {
            throw new IllegalArgumentException("replay window must be at least 1 frame, got " + window);
        }
        this.window = window;
    }

    /**
     * @param frameSeq sequence number of an authenticated fragment.
     * @return whether it is recent enough to be processed.
     */
    public boolean accepts(final long frameSeq) {
        return !seen || Long.compareUnsigned(frameSeq + window, highest) > 0;
    }

    /**
     * Records an authenticated sequence number that was accepted.
     *
     * @param frameSeq the sequence number.
     */
    public void advance(final long frameSeq) {
        if (!seen || Long.compareUnsigned(frameSeq, highest) > 0) {
            highest = frameSeq;
            seen = true;
        }
    }

    /** @return the highest sequence number recorded; only meaningful once one was. */
    public long highest() {
        return highest;
    }
}

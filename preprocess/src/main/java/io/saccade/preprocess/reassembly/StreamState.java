package io.saccade.preprocess.reassembly;

import io.saccade.protocol.auth.ReplayWindow;

/**
 * What this node tracks of one incoming stream: its replay window, the frames in progress, and the newest frame
 * completed, below which nothing is worth reassembling any more.
 */
public final class StreamState {
    private final long streamId;
    private final ReplayWindow replay;
    private final PartialFrame[] partials;
    private boolean completedAny;
    private long newestCompleted;
    private long lastActivityNanos;

    StreamState(final long streamId, final long replayWindow, final int framesInProgress) {
        this.streamId = streamId;
        this.replay = new ReplayWindow(replayWindow);
        this.partials = new PartialFrame[framesInProgress];
    }

    /** @return the stream id. */
    public long streamId() {
        return streamId;
    }

    /** @return the stream's replay window. */
    public ReplayWindow replay() {
        return replay;
    }

    PartialFrame[] partials() {
        return partials;
    }

    boolean isBehindNewest(final long frameSeq) {
        return completedAny && Long.compareUnsigned(frameSeq, newestCompleted) <= 0;
    }

    boolean isNewest(final long frameSeq) {
        return completedAny && frameSeq == newestCompleted;
    }

    void completed(final long frameSeq) {
        completedAny = true;
        newestCompleted = frameSeq;
    }

    void touch(final long nowNanos) {
        lastActivityNanos = nowNanos;
    }

    long lastActivityNanos() {
        return lastActivityNanos;
    }

    /** @return frames in progress now. */
    public int framesInProgress() {
        int count = 0;
        for (final PartialFrame partial : partials) {
            count += partial != null && partial.frame() != null ? 1 : 0;
        }
        return count;
    }
}

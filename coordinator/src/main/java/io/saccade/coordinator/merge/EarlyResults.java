package io.saccade.coordinator.merge;

import io.saccade.protocol.message.InferenceResult;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Results that arrived before their frame did on this node. Nodes decode their own copy of every frame, so another
 * node's accelerator can finish a frame before this node's preprocess has written its thumbnail (a busy node lags
 * by a few frames). Refusing those would lose a tenth of the results on a loaded two-core machine (measured in the
 * local demo); taking them unchecked would let a far-future forgery in. So a result at most {@code maxAhead} frames
 * beyond the newest one seen is held, the newest per stream and model, until its frame arrives (then it is screened
 * like any other) or {@code holdNanos} pass (then it is refused as {@link ResultVerdict#FUTURE_FRAME}).
 * <p>
 * Held on the MQTT client's thread, released on the decision thread as frames arrive.
 */
public final class EarlyResults {
    private final SeenFrames frames;
    private final int maxAhead;
    private final long holdNanos;
    private final Map<Key, Held> held = new ConcurrentHashMap<>();

    private record Key(long streamId, String model) {
    }

    /**
     * A result waiting for its frame.
     *
     * @param result       the result.
     * @param arrivalNanos when it arrived.
     */
    public record Held(InferenceResult result, long arrivalNanos) {
    }

    /** Told what became of a held result. */
    @FunctionalInterface
    public interface Outcome {
        /**
         * @param held    the result and when it arrived.
         * @param expired whether it was given up on (its frame never came); else its frame arrived.
         */
        void release(Held held, boolean expired);
    }

    /**
     * @param frames    the frames seen on this node.
     * @param maxAhead  how many frames beyond the newest seen a result may be and still wait.
     * @param holdNanos how long it waits.
     */
    public EarlyResults(final SeenFrames frames, final int maxAhead, final long holdNanos) {
        this.frames = frames;
        this.maxAhead = maxAhead;
        this.holdNanos = holdNanos;
    }

    /**
     * @param result       a result whose frame is newer than the newest seen.
     * @param arrivalNanos when it arrived.
     * @param displaced    told about the result of the same stream and model that loses its place (the older of
     *                     the two: it would lose to the newer one on the board anyway).
     * @return whether it is held; {@code false} when it is too far ahead to be a frame still on its way.
     */
    public boolean hold(final InferenceResult result, final long arrivalNanos, final Consumer<Held> displaced) {
        final long ahead = result.frameSeq() - frames.newest(result.streamId());
        if (ahead <= 0 || ahead > maxAhead) {
            return false;
        }
        final Held offered = new Held(result, arrivalNanos);
        final Held[] loser = new Held[1];
        held.merge(new Key(result.streamId(), result.model()), offered, (old, candidate) -> {
            final boolean newer = Long.compareUnsigned(candidate.result().frameSeq(), old.result().frameSeq()) > 0;
            loser[0] = newer ? old : candidate;
            return newer ? candidate : old;
        });
        if (loser[0] != null) {
            displaced.accept(loser[0]);
        }
        return true;
    }

    /**
     * Releases the results of a stream whose frame has now been seen, and those held too long; decision thread.
     *
     * @param streamId the stream a frame just arrived on.
     * @param nowNanos now.
     * @param outcome  told about each released result.
     */
    public void release(final long streamId, final long nowNanos, final Outcome outcome) {
        if (held.isEmpty()) {
            return;
        }
        final long newest = frames.newest(streamId);
        for (final Map.Entry<Key, Held> waiting : held.entrySet()) {
            final Held candidate = waiting.getValue();
            final boolean arrived = candidate.result().streamId() == streamId
                && Long.compareUnsigned(candidate.result().frameSeq(), newest) <= 0;
            final boolean expired = nowNanos - candidate.arrivalNanos() > holdNanos;
            // removed only if not replaced by a newer result meanwhile (the MQTT thread holds concurrently)
            if ((arrived || expired) && held.remove(waiting.getKey(), candidate)) {
                outcome.release(candidate, !arrived);
            }
        }
    }
}

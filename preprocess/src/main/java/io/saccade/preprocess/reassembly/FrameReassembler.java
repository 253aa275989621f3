package io.saccade.preprocess.reassembly;

import io.saccade.protocol.fec.ReedSolomon;
import io.saccade.protocol.frame.FecLayout;
import io.saccade.protocol.frame.FrameFragmentFlyweight;
import io.saccade.runtime.telemetry.EnumCounters;
import java.util.ArrayDeque;

/**
 * Puts authenticated fragments back together into frames, newest first. Hard bounds keep memory fixed whatever
 * arrives: streams tracked, frames in progress per stream and in all, frame size, parity, and age. When a frame of
 * a stream completes, every older frame of that stream still in progress is dropped, and a fragment of a frame
 * older than the newest complete one is dropped as stale: latest wins. Lost fragments are rebuilt from parity
 * without asking the robot for anything.
 * <p>
 * Single-threaded: the ingress event loop owns it. Completed frames go to a {@link FrameListener}, which takes
 * ownership of the buffer.
 * <p>
 * Large because the bounded reassembly state machine (arrival, FEC recovery, eviction, expiry) must be read as a whole
 * to see it bounded.
 */
public final class FrameReassembler {
    /** Receives each completed frame and owns its buffer from then on. */
    @FunctionalInterface
    public interface FrameListener {
        /**
         * @param frame a complete frame; give it back to the pool when done.
         */
        void onFrame(JpegFrame frame);
    }

    private final ReassemblyConfig limits;
    private final JpegFramePool pool;
    private final FrameListener listener;
    private final EnumCounters<ReassemblyEvent> events = new EnumCounters<>(ReassemblyEvent.class);
    private final StreamState[] streams;
    private final ArrayDeque<PartialFrame> idle = new ArrayDeque<>();
    private final ReedSolomon codec;
    private final byte[][] shards = new byte[ReedSolomon.MAX_SHARDS][];
    private final int[] offsets = new int[ReedSolomon.MAX_SHARDS];
    private final boolean[] present = new boolean[ReedSolomon.MAX_SHARDS];
    private int partialsMade;

    /**
     * @param limits   the bounds.
     * @param pool     frame buffers, shared with whoever consumes completed frames.
     * @param listener takes completed frames.
     */
    public FrameReassembler(final ReassemblyConfig limits, final JpegFramePool pool, final FrameListener listener) {
        this.limits = limits;
        this.pool = pool;
        this.listener = listener;
        this.streams = new StreamState[limits.maxStreams()];
        this.codec = new ReedSolomon(limits.maxShardBytes());
    }

    /**
     * Finds or admits a stream. A full table admits a new stream only in place of one idle longer than the idle
     * bound.
     *
     * @param streamId the stream.
     * @param nowNanos current time.
     * @return its state, or {@code null} when the table is full of active streams.
     */
    public StreamState stream(final long streamId, final long nowNanos) {
        int free = -1;
        int stalest = -1;
        for (int i = 0; i < streams.length; i++) {
            final StreamState state = streams[i];
            if (state == null) {
                free = free < 0 ? i : free;
            } else if (state.streamId() == streamId) {
                state.touch(nowNanos);
                return state;
            } else if (stalest < 0 || state.lastActivityNanos() - streams[stalest].lastActivityNanos() < 0) {
                stalest = i;
            }
        }
        if (free < 0 && stalest >= 0 && nowNanos - streams[stalest].lastActivityNanos() > limits.streamIdleNanos()) {
            forget(streams[stalest]);
            free = stalest;
        }
        if (free < 0) {
            events.increment(ReassemblyEvent.STREAM_REFUSED);
            return null;
        }
        streams[free] = new StreamState(streamId, limits.replayWindowFrames(), limits.framesPerStream());
        streams[free].touch(nowNanos);
        return streams[free];
    }

    /**
     * Takes one authenticated fragment.
     *
     * @param fragment a verified, authenticated fragment.
     * @param stream   its stream's state, from {@link #stream}.
     * @param nowNanos current time.
     * @return what was done with it.
     */
    public Outcome accept(final FrameFragmentFlyweight fragment, final StreamState stream, final long nowNanos) {
        final long seq = fragment.frameSeq();
        if (stream.isBehindNewest(seq)) {
            return stream.isNewest(seq) ? Outcome.UNNEEDED : Outcome.STALE;
        }
        if (fragment.frameLength() > limits.maxFrameBytes() || fragment.payloadLength() > limits.maxShardBytes()
            || !PartialFrame.fits(fragment, pool.bufferBytes(), limits.maxParityBytes())) {
            return Outcome.OVERSIZE;
        }
        PartialFrame partial = find(stream, seq);
        if (partial == null) {
            partial = start(stream, fragment, nowNanos);
            if (partial == null) {
                return isOlderThanAll(stream, seq) ? Outcome.STALE : Outcome.OVERLOAD;
            }
        } else if (!partial.matches(fragment)) {
            return Outcome.INCONSISTENT;
        }
        if (partial.has(fragment.fragmentIndex())) {
            return Outcome.DUPLICATE;
        }
        partial.store(fragment);
        if (!partial.isDecodable()) {
            return Outcome.ACCEPTED;
        }
        complete(stream, partial, nowNanos);
        return Outcome.COMPLETED;
    }

    /**
     * Drops frames in progress for longer than the age bound; called periodically by the owner.
     *
     * @param nowNanos current time.
     */
    public void expire(final long nowNanos) {
        for (final StreamState stream : streams) {
            if (stream == null) {
                continue;
            }
            final PartialFrame[] partials = stream.partials();
            for (int i = 0; i < partials.length; i++) {
                final PartialFrame partial = partials[i];
                if (partial != null && nowNanos - partial.firstFragmentAtNanos() > limits.maxFrameAgeNanos()) {
                    drop(partials, i, ReassemblyEvent.INCOMPLETE_EXPIRED);
                }
            }
        }
    }

    /** @return what happened to frames so far. */
    public EnumCounters<ReassemblyEvent> events() {
        return events;
    }

    /** @return frames in progress over all streams. */
    public int framesInProgress() {
        return partialsMade - idle.size();
    }

    private static PartialFrame find(final StreamState stream, final long seq) {
        for (final PartialFrame partial : stream.partials()) {
            if (partial != null && partial.frameSeq() == seq) {
                return partial;
            }
        }
        return null;
    }

    /**
     * Starts a frame, making room by evicting the stream's oldest frame in progress when the stream or the node has
     * no room left; a frame older than everything in progress gets no room.
     */
    private PartialFrame start(final StreamState stream, final FrameFragmentFlyweight fragment, final long nowNanos) {
        final PartialFrame[] partials = stream.partials();
        int slot = freeSlot(partials);
        PartialFrame partial = idlePartial();
        if (slot < 0 || partial == null) {
            final int oldest = oldest(partials);
            if (oldest < 0 || Long.compareUnsigned(fragment.frameSeq(), partials[oldest].frameSeq()) < 0) {
                if (partial != null) {
                    idle.push(partial);
                }
                return null;
            }
            drop(partials, oldest, ReassemblyEvent.INCOMPLETE_EVICTED);
            slot = slot < 0 ? oldest : slot;
            partial = partial == null ? idle.pop() : partial;
        }
        final JpegFrame buffer = pool.acquire();
        if (buffer == null) {
            idle.push(partial);
            return null;
        }
        partial.begin(fragment, buffer, nowNanos);
        partials[slot] = partial;
        return partial;
    }

    private PartialFrame idlePartial() {
        if (!idle.isEmpty()) {
            return idle.pop();
        }
        if (partialsMade < limits.maxFramesInProgress()) {
            partialsMade++;
            return new PartialFrame(limits.maxParityBytes());
        }
        return null;
    }

    private void complete(final StreamState stream, final PartialFrame partial, final long nowNanos) {
        final boolean recovered = repair(partial);
        final PartialFrame[] partials = stream.partials();
        for (int i = 0; i < partials.length; i++) {
            if (partials[i] == partial) {
                partials[i] = null;
            } else if (partials[i] != null
                && Long.compareUnsigned(partials[i].frameSeq(), partial.frameSeq()) < 0) {
                drop(partials, i, ReassemblyEvent.INCOMPLETE_SUPERSEDED);
            }
        }
        stream.completed(partial.frameSeq());
        final JpegFrame frame = partial.release();
        idle.push(partial);
        frame.complete(partial.frameLength(), nowNanos, recovered);
        events.increment(ReassemblyEvent.COMPLETED);
        if (recovered) {
            events.increment(ReassemblyEvent.RECOVERED);
        }
        listener.onFrame(frame);
    }

    /** Rebuilds the lost data shards of every group that lost some; returns whether any was rebuilt. */
    private boolean repair(final PartialFrame partial) {
        boolean repaired = false;
        for (int group = 0; group < partial.groupCount(); group++) {
            if (partial.groupLostData(group)) {
                rebuildGroup(partial, group);
                repaired = true;
            }
        }
        return repaired;
    }

    private void rebuildGroup(final PartialFrame partial, final int group) {
        final int data = partial.dataCount();
        final int groups = partial.groupCount();
        final int k = FecLayout.dataInGroup(group, data, groups);
        final int m = FecLayout.parityInGroup(group, data, partial.fragmentCount(), groups);
        for (int shard = 0; shard < k + m; shard++) {
            final int index = FecLayout.fragmentIndex(group, shard, data, groups);
            final boolean isData = index < data;
            shards[shard] = isData ? partial.frame().data() : partial.parity();
            offsets[shard] = (isData ? index : index - data) * partial.shardLength();
            present[shard] = partial.has(index);
        }
        if (!codec.reconstruct(shards, offsets, present, k, m, partial.shardLength())) {
            throw new IllegalStateException("group " + group + " declared decodable but reconstruction failed");
        }
    }

    private void drop(final PartialFrame[] partials, final int slot, final ReassemblyEvent reason) {
        final PartialFrame partial = partials[slot];
        partials[slot] = null;
        pool.release(partial.release());
        idle.push(partial);
        events.increment(reason);
    }

    private void forget(final StreamState stream) {
        final PartialFrame[] partials = stream.partials();
        for (int i = 0; i < partials.length; i++) {
            if (partials[i] != null) {
                drop(partials, i, ReassemblyEvent.INCOMPLETE_EVICTED);
            }
        }
    }

    private static int freeSlot(final PartialFrame[] partials) {
        for (int i = 0; i < partials.length; i++) {
            if (partials[i] == null) {
                return i;
            }
        }
        return -1;
    }

    private static int oldest(final PartialFrame[] partials) {
        int oldest = -1;
        for (int i = 0; i < partials.length; i++) {
            if (partials[i] != null && (oldest < 0
                || Long.compareUnsigned(partials[i].frameSeq(), partials[oldest].frameSeq()) < 0)) {
                oldest = i;
            }
        }
        return oldest;
    }

    private static boolean isOlderThanAll(final StreamState stream, final long seq) {
        boolean any = false;
        for (final PartialFrame partial : stream.partials()) {
            if (partial != null) {
                any = true;
                if (Long.compareUnsigned(seq, partial.frameSeq()) > 0) {
                    return false;
                }
            }
        }
        return any;
    }
}

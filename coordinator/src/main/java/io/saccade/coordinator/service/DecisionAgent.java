package io.saccade.coordinator.service;

import io.saccade.coordinator.CoordinatorEvent;
import io.saccade.coordinator.deliver.DecisionSink;
import io.saccade.coordinator.effect.Thumbnail;
import io.saccade.coordinator.effect.ThumbnailHistory;
import io.saccade.coordinator.merge.ResultBoard;
import io.saccade.coordinator.policy.Decider;
import io.saccade.protocol.message.LeaderStamp;
import io.saccade.protocol.ring.FrameStamp;
import io.saccade.protocol.ring.InvalidRingException;
import io.saccade.protocol.ring.RingSource;
import io.saccade.protocol.ring.SlotView;
import io.saccade.protocol.tensor.InputSpec;
import io.saccade.protocol.time.NanoClock;
import io.saccade.runtime.agent.WaitingAgent;
import io.saccade.runtime.telemetry.EnumCounters;
import io.saccade.runtime.telemetry.RateLimitedLog;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The decision thread's cycle: wake on every new thumbnail (the preprocess of this node wrote a frame), keep a copy
 * in the stream's history, and, while this member leads, decide that frame from the newest results and deliver the
 * decision. Followers keep their histories warm so that a new leader decides its first frame with full evidence.
 */
public final class DecisionAgent implements WaitingAgent {
    private static final System.Logger LOG = System.getLogger(DecisionAgent.class.getName());
    /** The longest wait for a thumbnail in one turn: a stop is seen within it. */
    private static final long WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final RingSource thumbnails;
    private final ResultBoard board;
    private final Decider decider;
    private final Supplier<LeaderStamp> leadership;
    private final DecisionSink sink;
    private final int historyFrames;
    private final NanoClock clock;
    private final EnumCounters<CoordinatorEvent> events;
    private final RateLimitedLog errors;
    private final FrameObserver onThumbnail;
    private final Map<Long, ThumbnailHistory> histories = new HashMap<>();
    private volatile long lastFrameNanos;
    private volatile boolean framed;
    private long inputAtNanos;

    /**
     * @param thumbnails    this node's thumbnail ring.
     * @param board         the newest results.
     * @param decider       the policy.
     * @param leadership    this member's leadership, or {@code null} while it must not decide.
     * @param sink          where decisions go.
     * @param historyFrames thumbnails kept per stream.
     * @param clock         monotonic time.
     * @param events        where frames and decisions are counted.
     */
    public DecisionAgent(final RingSource thumbnails, final ResultBoard board, final Decider decider,
                         final Supplier<LeaderStamp> leadership, final DecisionSink sink, final int historyFrames,
                         final NanoClock clock, final EnumCounters<CoordinatorEvent> events) {
        this(thumbnails, board, decider, leadership, sink, historyFrames, clock, events,
            (thumbnail, frame, now) -> { });
    }

    /** Told about every frame that arrives on this node, leader or not. */
    @FunctionalInterface
    public interface FrameObserver {
        /**
         * @param thumbnail its thumbnail, stored in the history; reused: must not be kept.
         * @param frame     its slot's stamps (including its place on the robot's clock); reused: must not be kept.
         * @param nowNanos  now.
         */
        void observe(Thumbnail thumbnail, FrameStamp frame, long nowNanos);
    }

    /**
     * @param thumbnails    this node's thumbnail ring.
     * @param board         the newest results.
     * @param decider       the policy.
     * @param leadership    this member's leadership, or {@code null} while it must not decide.
     * @param sink          where decisions go.
     * @param historyFrames thumbnails kept per stream.
     * @param clock         monotonic time.
     * @param events        where frames and decisions are counted.
     * @param onThumbnail   told about every frame stored (the dashboard's live view, the latency ledger).
     */
    public DecisionAgent(final RingSource thumbnails, final ResultBoard board, final Decider decider,
                         final Supplier<LeaderStamp> leadership, final DecisionSink sink, final int historyFrames,
                         final NanoClock clock, final EnumCounters<CoordinatorEvent> events,
                         final FrameObserver onThumbnail) {
        this.onThumbnail = onThumbnail;
        this.thumbnails = thumbnails;
        this.board = board;
        this.decider = decider;
        this.leadership = leadership;
        this.sink = sink;
        this.historyFrames = historyFrames;
        this.clock = clock;
        this.events = events;
        this.errors = new RateLimitedLog(LOG, clock, TimeUnit.SECONDS.toNanos(5));
    }

    @Override
    public int doWork() {
        return doWork(WAIT_NANOS);
    }

    /**
     * One turn.
     *
     * @param timeoutNanos how long to wait for a frame.
     * @return 1 when a frame was decided, else 0.
     */
    public int doWork(final long timeoutNanos) {
        final SlotView view = thumbnails.awaitNewest(timeoutNanos);
        inputAtNanos = clock.nanoTime();
        if (view == null) {
            final InvalidRingException invalid = thumbnails.takeInvalid();
            if (invalid != null) {
                errors.warn(invalid::getMessage);
            }
            if (!thumbnails.isOpen()) {
                events.increment(CoordinatorEvent.RING_UNAVAILABLE);
            }
            return 0;
        }
        final ThumbnailHistory history = store(view);
        if (history == null) {
            return 0;
        }
        final Thumbnail current = history.newest();
        events.increment(CoordinatorEvent.FRAME);
        lastFrameNanos = clock.nanoTime();
        framed = true;
        onThumbnail.observe(current, view.frame(), lastFrameNanos);
        final LeaderStamp leader = leadership.get();
        if (leader == null) {
            events.increment(CoordinatorEvent.FOLLOWING);
            return 0;
        }
        sink.deliver(decider.decide(current, history::find, board.newest(current.streamId()), leader,
            clock.nanoTime()));
        events.increment(CoordinatorEvent.DECIDED);
        return 1;
    }

    /** Copies the slot into its stream's history; returns that history, or {@code null} when the slot is unusable. */
    private ThumbnailHistory store(final SlotView view) {
        final InputSpec spec = thumbnails.spec();
        final FrameStamp frame = view.frame();
        if (spec == null || view.length() != spec.width() * spec.height()) {
            events.increment(CoordinatorEvent.TORN);
            return null;
        }
        ThumbnailHistory history = histories.get(frame.streamId());
        if (history == null || history.width() != spec.width() || history.height() != spec.height()) {
            history = new ThumbnailHistory(historyFrames, spec.width(), spec.height());
            histories.put(frame.streamId(), history);
        }
        final Thumbnail stored = history.put(frame.streamId(), frame.frameSeq(), frame.captureTimeNanos(),
            frame.frameReadyAtNanos(), view.payload());
        if (!view.isIntact()) {
            stored.invalidate();
            events.increment(CoordinatorEvent.TORN);
            return null;
        }
        return history;
    }

    @Override
    public long inputAtNanos() {
        return inputAtNanos;
    }

    @Override
    public void onClose() {
        thumbnails.close();
    }

    @Override
    public String roleName() {
        return "decide";
    }

    /**
     * @param sinceNanos a moment on the agent's clock.
     * @return whether a frame arrived on this node after it.
     */
    public boolean hasFramesSince(final long sinceNanos) {
        return framed && lastFrameNanos - sinceNanos > 0;
    }
}

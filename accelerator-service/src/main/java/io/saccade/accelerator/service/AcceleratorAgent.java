package io.saccade.accelerator.service;

import io.saccade.accelerator.inference.DetectorException;
import io.saccade.accelerator.inference.FrameDetector;
import io.saccade.accelerator.inference.FrameTensor;
import io.saccade.protocol.message.Detection;
import io.saccade.protocol.message.InferenceResult;
import io.saccade.protocol.message.ResultTimings;
import io.saccade.protocol.message.RobotClock;
import io.saccade.protocol.ring.FrameStamp;
import io.saccade.protocol.ring.InvalidRingException;
import io.saccade.protocol.ring.RingSource;
import io.saccade.protocol.ring.SlotView;
import io.saccade.protocol.time.NanoClock;
import io.saccade.runtime.agent.WaitingAgent;
import io.saccade.runtime.telemetry.EnumCounters;
import io.saccade.runtime.telemetry.RateLimitedLog;
import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.LongPredicate;

/**
 * The accelerator's duty cycle: wait for the newest tensor slot, copy it out and validate the copy, run the model,
 * publish the result. One frame is in flight at a time; frames written while the model was busy are never queued,
 * they are superseded by the newest and counted as skipped. Runs on an
 * {@link io.saccade.runtime.agent.AgentRunner}, pinned to the cores the model was given.
 */
public final class AcceleratorAgent implements WaitingAgent {
    private static final System.Logger LOG = System.getLogger(AcceleratorAgent.class.getName());
    /** The longest wait for a slot in one turn: a stop is seen within it. */
    private static final long WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final RingSource source;
    private final FrameDetector detector;
    private final ResultSink sink;
    private final Identity identity;
    private final LongPredicate assigned;
    private final NanoClock clock;
    private final FrameTensor tensor;
    private final MemorySegment tensorMemory;
    private final EnumCounters<InferenceEvent> events = new EnumCounters<>(InferenceEvent.class);
    private final RateLimitedLog errors;
    private long lastHead = -1;
    private long inputAtNanos;

    /**
     * Who the results say they come from.
     *
     * @param model  model id.
     * @param node   node name.
     * @param device device the model runs on.
     */
    public record Identity(String model, String node, String device) {
    }

    /**
     * An agent that runs every frame it gets to.
     *
     * @param source   the tensor ring.
     * @param detector the model.
     * @param tensor   where a slot is copied and validated before inference.
     * @param sink     where results go.
     * @param identity who the results come from.
     * @param clock    monotonic time.
     */
    public AcceleratorAgent(final RingSource source, final FrameDetector detector, final FrameTensor tensor,
                            final ResultSink sink, final Identity identity, final NanoClock clock) {
        this(source, detector, tensor, sink, identity, frameSeq -> true, clock);
    }

    /**
     * @param source   the tensor ring.
     * @param detector the model.
     * @param tensor   where a slot is copied and validated before inference.
     * @param sink     where results go.
     * @param identity who the results come from.
     * @param assigned which frames are this node's to run (the work plan); the others are left to their node.
     * @param clock    monotonic time.
     */
    public AcceleratorAgent(final RingSource source, final FrameDetector detector, final FrameTensor tensor,
                            final ResultSink sink, final Identity identity, final LongPredicate assigned,
                            final NanoClock clock) {
        this.assigned = assigned;
        this.source = source;
        this.detector = detector;
        this.tensor = tensor;
        this.tensorMemory = MemorySegment.ofBuffer(tensor.tensor());
        this.sink = sink;
        this.identity = identity;
        this.clock = clock;
        this.errors = new RateLimitedLog(LOG, clock, TimeUnit.SECONDS.toNanos(5));
    }

    @Override
    public int doWork() {
        return doWork(WAIT_NANOS);
    }

    /**
     * One turn of the cycle.
     *
     * @param timeoutNanos how long to wait for a new slot.
     * @return 1 when a frame was run through the model, else 0.
     */
    public int doWork(final long timeoutNanos) {
        final SlotView view = source.awaitNewest(timeoutNanos);
        inputAtNanos = clock.nanoTime();
        if (view == null) {
            final InvalidRingException invalid = source.takeInvalid();
            if (invalid != null) {
                errors.warn(invalid::getMessage);
            }
            if (!source.isOpen()) {
                events.increment(InferenceEvent.RING_UNAVAILABLE);
            }
            return 0;
        }
        final FrameStamp frame = view.frame();
        countSkipped(view.head());
        if (!assigned.test(frame.frameSeq())) {
            events.increment(InferenceEvent.NOT_ASSIGNED);
            return 0;
        }
        if (view.length() != tensor.tensor().capacity() || !view.copyTo(tensorMemory)) {
            events.increment(InferenceEvent.TORN);
            return 0;
        }
        return infer(frame);
    }

    private int infer(final FrameStamp frame) {
        final long start = clock.nanoTime();
        final List<Detection> detections;
        try {
            detections = detector.detect(tensor.frameSize(frame.frameWidth(), frame.frameHeight()));
        } catch (final DetectorException ex) {
            events.increment(InferenceEvent.ENGINE_ERROR);
            errors.warn(ex::getMessage);
            return 1;
        }
        final long end = clock.nanoTime();
        events.increment(InferenceEvent.INFERRED);
        final long ready = Math.min(frame.frameReadyAtNanos(), frame.writtenAtNanos());
        final ResultTimings timings = new ResultTimings(ready, frame.writtenAtNanos(),
            Math.max(start, frame.writtenAtNanos()), Math.max(end, start), Math.max(clock.nanoTime(), end),
            frame.hasClock() ? new RobotClock(frame.readyAfterCaptureMicros(), frame.clockUncertaintyMicros(),
                frame.sendDelayMicros()) : null);
        final boolean sent = sink.accept(new InferenceResult(frame.streamId(), frame.frameSeq(),
            frame.captureTimeNanos(), identity.model(), identity.node(), identity.device(), timings, detections));
        events.increment(sent ? InferenceEvent.PUBLISHED : InferenceEvent.PUBLISH_DROPPED);
        return 1;
    }

    /** Slots the ring received since the last one read here were superseded: skipped, never queued. */
    private void countSkipped(final long head) {
        if (lastHead >= 0 && head > lastHead + 1) {
            events.add(InferenceEvent.SKIPPED, head - lastHead - 1);
        }
        lastHead = head; // a restarted writer starts again from 1, which counts nothing
    }

    @Override
    public long inputAtNanos() {
        return inputAtNanos;
    }

    @Override
    public void onClose() {
        source.close();
    }

    @Override
    public String roleName() {
        return "inference-" + identity.model();
    }

    /** @return the counters. */
    public EnumCounters<InferenceEvent> events() {
        return events;
    }
}

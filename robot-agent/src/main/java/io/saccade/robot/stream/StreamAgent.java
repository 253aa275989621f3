package io.saccade.robot.stream;

import io.saccade.protocol.time.NanoClock;
import io.saccade.robot.encode.JpegEncoder;
import io.saccade.robot.send.FramePort;
import io.saccade.robot.send.SequenceNumbers;
import io.saccade.robot.source.CapturedFrame;
import io.saccade.robot.source.FrameSource;
import io.saccade.robot.source.FrameSourceException;
import io.saccade.runtime.agent.Agent;
import io.saccade.runtime.agent.IdleStrategy;
import io.saccade.runtime.telemetry.EnumCounters;
import io.saccade.runtime.telemetry.RateLimitedLog;
import java.util.concurrent.TimeUnit;

/**
 * Paces the stream: at every frame time from a monotonic clock it takes a frame from the source, encodes it and
 * sends it. When a frame takes longer than a frame time, the frame times it overran are skipped, never queued, so
 * what is sent is always current. {@link #doWork()} is one duty cycle, so tests drive it with a fake clock; an
 * {@link io.saccade.runtime.agent.AgentRunner} turns it with {@link #idleStrategy()}, parking until the next frame
 * is due.
 */
public final class StreamAgent implements Agent {
    /** The longest park between frames, so a stop is seen within it. */
    private static final long LONGEST_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final System.Logger LOG = System.getLogger(StreamAgent.class.getName());

    private final FrameSource source;
    private final JpegEncoder encoder;
    private final FramePort port;
    private final SequenceNumbers sequence;
    private final long streamId;
    private final long periodNanos;
    private final NanoClock clock;
    private final EnumCounters<StreamEvent> counters = new EnumCounters<>(StreamEvent.class);
    private final RateLimitedLog failures;
    private final CapturedFrame frame = new CapturedFrame();
    private long nextDueNanos;
    private long frameLimit = Long.MAX_VALUE;
    private volatile boolean running = true;

    /**
     * @param source   where frames come from.
     * @param encoder  JPEG encoder at the stream's size and quality.
     * @param port     where encoded frames go.
     * @param sequence frame sequence numbers.
     * @param streamId this robot's stream id.
     * @param fps      frames per second to send.
     * @param clock    monotonic time.
     */
    public StreamAgent(final FrameSource source, final JpegEncoder encoder, final FramePort port,
                       final SequenceNumbers sequence, final long streamId, final int fps, final NanoClock clock) {
        this.source = source;
        this.encoder = encoder;
        this.port = port;
        this.sequence = sequence;
        this.streamId = streamId;
        this.periodNanos = TimeUnit.SECONDS.toNanos(1) / fps;
        this.clock = clock;
        this.failures = new RateLimitedLog(LOG, clock, TimeUnit.SECONDS.toNanos(10));
        this.nextDueNanos = clock.nanoTime();
    }

    /**
     * Sends a frame if one is due.
     *
     * @return 1 when a frame was handled, 0 when none was due or the source failed, -1 when a finite source ended.
     */
    @Override
    public int doWork() {
        if (!running) {
            return -1;
        }
        final long now = clock.nanoTime();
        if (now - nextDueNanos < 0) {
            return 0;
        }
        final long overrun = (now - nextDueNanos) / periodNanos;
        if (overrun > 0) {
            counters.add(StreamEvent.SKIPPED_LATE, overrun);
        }
        nextDueNanos += (overrun + 1) * periodNanos;
        return sendOne();
    }

    private int sendOne() {
        try {
            if (!source.grab(frame)) {
                running = false;
                return -1;
            }
        } catch (final FrameSourceException ex) {
            counters.increment(StreamEvent.SOURCE_FAILED);
            failures.warn(ex::getMessage);
            return 0;
        }
        counters.increment(StreamEvent.CAPTURED);
        final int length;
        try {
            length = encoder.encode(frame.image());
        } catch (final IllegalStateException ex) {
            counters.increment(StreamEvent.ENCODE_FAILED);
            failures.warn(ex::getMessage);
            return 0;
        }
        final long delayMicros = (clock.nanoTime() - frame.captureTimeNanos()) / 1_000;
        final int datagrams = port.send(streamId, sequence.next(), frame.captureTimeNanos(), delayMicros,
            encoder.bytes(), length);
        counters.increment(datagrams > 0 ? StreamEvent.SENT : StreamEvent.SKIPPED_BACKPRESSURE);
        if (counters.get(StreamEvent.SENT) >= frameLimit) {
            running = false;
        }
        return 1;
    }

    /** @return parks the agent's thread until the next frame is due. */
    public IdleStrategy idleStrategy() {
        return IdleStrategy.untilDeadline(() -> nextDueNanos - clock.nanoTime(), LONGEST_PARK_NANOS);
    }

    @Override
    public String roleName() {
        return "stream";
    }

    /**
     * @param frames stop after sending this many frames.
     * @return this agent.
     */
    public StreamAgent stopAfter(final long frames) {
        this.frameLimit = frames;
        return this;
    }

    /** @return whether the agent still sends (the source has not ended, the frame limit is not reached). */
    public boolean isRunning() {
        return running;
    }

    /** @return what happened to frames so far. */
    public EnumCounters<StreamEvent> counters() {
        return counters;
    }

    /** @return when the next frame is due, on the agent's clock. */
    public long nextDueNanos() {
        return nextDueNanos;
    }
}

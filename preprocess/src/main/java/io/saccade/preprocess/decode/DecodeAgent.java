package io.saccade.preprocess.decode;

import io.saccade.preprocess.handoff.LatestFrameMailbox;
import io.saccade.preprocess.reassembly.JpegFrame;
import io.saccade.preprocess.shm.SharedMemoryDirectory;
import io.saccade.protocol.clock.ClockOffset;
import io.saccade.protocol.clock.ClockTable;
import io.saccade.protocol.ring.FrameStamp;
import io.saccade.protocol.ring.InvalidRingException;
import io.saccade.protocol.ring.RingBusyException;
import io.saccade.protocol.ring.RingFiles;
import io.saccade.protocol.ring.RingKind;
import io.saccade.protocol.ring.SlotRingDescriptor;
import io.saccade.protocol.ring.SlotRingWriter;
import io.saccade.protocol.ring.WordSignal;
import io.saccade.protocol.tensor.InputSpec;
import io.saccade.protocol.time.NanoClock;
import io.saccade.runtime.agent.WaitingAgent;
import io.saccade.runtime.telemetry.EnumCounters;
import io.saccade.runtime.telemetry.RateLimitedLog;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * The decode stage of a node: takes the newest complete frame, decodes it once, and writes one tensor for every
 * input spec registered on the node plus a thumbnail, each into its slot ring in shared memory. Rings follow the
 * registry: a newly registered spec gets a ring at the next frame, a spec nobody wants any more loses its ring after
 * a grace period. A corrupt JPEG or a ring that cannot be opened is counted and logged, and the rest goes on.
 * Runs on an {@link io.saccade.runtime.agent.AgentRunner} pinned to the big cores; {@link #doWork(long)} is one duty
 * cycle, which tests drive directly.
 * <p>
 * Large because it owns the node's rings (open on registration, retire on idle, heartbeat) as well as the decode
 * itself: the rings are written by this thread only.
 */
public final class DecodeAgent implements WaitingAgent, AutoCloseable {
    private static final System.Logger LOG = System.getLogger(DecodeAgent.class.getName());
    /** The longest wait for a frame in one turn; the rings' heartbeats are written at least this often. */
    private static final long WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(250);

    private final LatestFrameMailbox mailbox;
    private final JpegDecoder decoder;
    private final SharedMemoryDirectory shm;
    private final Supplier<Set<InputSpec>> specs;
    private final DecodeConfig settings;
    private final WordSignal signal;
    private final ClockTable clocks;
    private final NanoClock clock;
    private final Map<InputSpec, RingChannel> tensors = new ConcurrentHashMap<>();
    private final Map<InputSpec, Long> failedAt = new HashMap<>();
    private final EnumCounters<DecodeEvent> events = new EnumCounters<>(DecodeEvent.class);
    private final RateLimitedLog failures;
    private final FrameStamp stamp = new FrameStamp();
    private RingChannel thumbnails;
    private RingChannel previews;
    private long previewAtNanos;
    private Consumer<JpegFrame> tap = frame -> { };
    private long inputAtNanos;
    private boolean closed;

    /**
     * @param mailbox  where complete frames come from.
     * @param decoder  JPEG decoder.
     * @param shm      the node's shared-memory directory.
     * @param specs    the input specs registered on the node now.
     * @param settings ring sizes and grace periods.
     * @param signal   wakes ring readers.
     * @param clocks   the robots' clock offsets, to place every frame on its robot's time axis.
     * @param clock    the node's monotonic clock.
     */
    public DecodeAgent(final LatestFrameMailbox mailbox, final JpegDecoder decoder, final SharedMemoryDirectory shm,
                       final Supplier<Set<InputSpec>> specs, final DecodeConfig settings, final WordSignal signal,
                       final ClockTable clocks, final NanoClock clock) {
        this.mailbox = mailbox;
        this.decoder = decoder;
        this.shm = shm;
        this.specs = specs;
        this.settings = settings;
        this.signal = signal;
        this.clocks = clocks;
        this.clock = clock;
        this.failures = new RateLimitedLog(LOG, clock, TimeUnit.SECONDS.toNanos(10));
    }

    /**
     * Opens the thumbnail ring and, when previews are on, the preview ring; the service fails to start when there is
     * no room for them.
     *
     * @throws IOException          when the ring cannot be created.
     * @throws RingBusyException    when another live preprocess writes it.
     * @throws InvalidRingException when an existing file cannot be replaced.
     */
    public void start() throws IOException, RingBusyException, InvalidRingException {
        final ThumbnailConverter converter = new ThumbnailConverter(settings.thumbnailWidth(),
            settings.thumbnailHeight());
        thumbnails = new RingChannel(converter, openRing(RingFiles.thumbnails(shm.path()), RingKind.THUMBNAIL,
            converter.spec(), settings.thumbnailSlots()));
        final InputSpec preview = settings.preview();
        if (preview != null) {
            previews = new RingChannel(new TensorConverter(preview), openRing(RingFiles.previews(shm.path()),
                RingKind.PREVIEW, preview, DecodeConfig.PREVIEW_SLOTS));
            previewAtNanos = clock.nanoTime() - settings.previewPeriodNanos();
        }
    }

    /**
     * Handles the newest frame, waiting for one up to the timeout.
     *
     * @param timeoutNanos longest wait for a frame.
     * @return 1 when a frame was handled, 0 when none came.
     */
    public int doWork(final long timeoutNanos) {
        follow(specs.get());
        final JpegFrame frame = mailbox.take(timeoutNanos);
        inputAtNanos = clock.nanoTime();
        if (frame == null) {
            heartbeat();
            return 0;
        }
        try {
            handle(frame);
            tap.accept(frame);
        } finally {
            mailbox.release(frame);
        }
        return 1;
    }

    private void handle(final JpegFrame frame) {
        final Mat bgr = decoder.decode(frame);
        if (bgr == null) {
            events.increment(DecodeEvent.CORRUPT_JPEG);
            failures.warn(() -> "cannot decode " + frame + ": not a JPEG OpenCV understands");
            return;
        }
        stamp.set(frame.streamId(), frame.frameSeq(), frame.captureTimeNanos(), bgr.cols(), bgr.rows())
            .frameReadyAtNanos(frame.completedAtNanos());
        placeOnRobotClock(frame);
        write(thumbnails, bgr); // first: the leader decides this frame on its thumbnail, the tensors can wait
        for (final RingChannel channel : tensors.values()) {
            if (write(channel, bgr)) {
                events.increment(DecodeEvent.TENSORS_WRITTEN);
            }
        }
        if (previews != null) {
            preview(bgr);
        }
        events.increment(DecodeEvent.DECODED);
    }

    /** Writes a preview, last (nobody decides on one) and at most once a preview period. */
    private void preview(final Mat bgr) {
        final long now = clock.nanoTime();
        if (now - previewAtNanos >= settings.previewPeriodNanos()) {
            previewAtNanos = now;
            write(previews, bgr);
        }
    }

    /** Stamps when the frame was ready on the robot's clock, so every reader shares the robot's time axis. */
    private void placeOnRobotClock(final JpegFrame frame) {
        final ClockOffset offset = clocks.offset(frame.streamId(), frame.completedAtNanos());
        if (offset == null) {
            stamp.clock(0, -1, frame.sendDelayMicros());
            return;
        }
        final long readyAfterCapture = (offset.toRobot(frame.completedAtNanos()) - frame.captureTimeNanos()) / 1_000;
        stamp.clock(Math.clamp(readyAfterCapture, Integer.MIN_VALUE, Integer.MAX_VALUE),
            (int)Math.min(Integer.MAX_VALUE, offset.uncertaintyNanos() / 1_000), frame.sendDelayMicros());
    }

    /** @return whether the frame went into the ring; a conversion that failed is counted and logged. */
    private boolean write(final RingChannel channel, final Mat bgr) {
        try {
            channel.write(bgr, stamp);
            return true;
        } catch (final RuntimeException ex) {
            events.increment(DecodeEvent.CONVERSION_FAILED);
            failures.warn(() -> "converting for " + channel.writer().file() + " failed: " + ex);
            return false;
        }
    }

    /** Opens rings for new specs, retires rings of specs nobody wants any more. */
    private void follow(final Set<InputSpec> wanted) {
        final long now = clock.nanoTime();
        for (final InputSpec spec : wanted) {
            final RingChannel channel = tensors.get(spec);
            if (channel != null) {
                channel.idleSince(-1);
            } else if (now - failedAt.getOrDefault(spec, now - settings.retryNanos()) >= settings.retryNanos()) {
                open(spec, now);
            }
        }
        for (final Iterator<Map.Entry<InputSpec, RingChannel>> it = tensors.entrySet().iterator(); it.hasNext(); ) {
            final Map.Entry<InputSpec, RingChannel> entry = it.next();
            if (!wanted.contains(entry.getKey()) && retire(entry.getValue(), now)) {
                it.remove();
            }
        }
    }

    private void open(final InputSpec spec, final long now) {
        try {
            final Path file = RingFiles.tensors(shm.path(), spec);
            tensors.put(spec, new RingChannel(new TensorConverter(spec),
                openRing(file, RingKind.TENSOR, spec, settings.tensorSlots())));
            failedAt.remove(spec);
            events.increment(DecodeEvent.RING_OPENED);
            LOG.log(System.Logger.Level.INFO, "producing {0} into {1}", spec, file);
        } catch (final IOException | RingBusyException | InvalidRingException | RuntimeException ex) {
            failedAt.put(spec, now);
            events.increment(DecodeEvent.RING_FAILED);
            failures.warn(() -> "cannot produce " + spec + ": " + ex.getMessage());
        }
    }

    private boolean retire(final RingChannel channel, final long now) {
        if (channel.idleSinceNanos() < 0) {
            channel.idleSince(now);
            return false;
        }
        if (now - channel.idleSinceNanos() < settings.retireNanos()) {
            return false;
        }
        LOG.log(System.Logger.Level.INFO, "no service wants {0} any more; closing its ring", channel.writer().spec());
        channel.close();
        events.increment(DecodeEvent.RING_CLOSED);
        return true;
    }

    private SlotRingWriter openRing(final Path file, final RingKind kind, final InputSpec spec, final int slots)
        throws IOException, RingBusyException, InvalidRingException {
        shm.requireRoom(SlotRingDescriptor.fileLength(slots, spec.tensorBytes()), kind.name().toLowerCase(
            java.util.Locale.ROOT) + " ring for " + spec);
        return SlotRingWriter.open(file, kind, spec, slots, spec.tensorBytes(), signal, clock);
    }

    private void heartbeat() {
        thumbnails.writer().heartbeat();
        if (previews != null) {
            previews.writer().heartbeat();
        }
        tensors.values().forEach(channel -> channel.writer().heartbeat());
    }

    /**
     * Lets someone look at every frame after it was handled, on the decode thread; for debugging tools.
     *
     * @param observer sees each frame before its buffer is recycled; must be quick.
     */
    public void tap(final Consumer<JpegFrame> observer) {
        this.tap = observer;
    }

    @Override
    public int doWork() {
        return doWork(WAIT_NANOS);
    }

    @Override
    public long inputAtNanos() {
        return inputAtNanos;
    }

    @Override
    public String roleName() {
        return "decode";
    }

    @Override
    public void onClose() {
        close();
    }

    /** @return what the stage did so far. */
    public EnumCounters<DecodeEvent> events() {
        return events;
    }

    /** @return the specs with a ring now (read from another thread: approximate). */
    public Set<InputSpec> producing() {
        return Set.copyOf(tensors.keySet());
    }

    /** Closes every ring this stage writes; idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        tensors.values().forEach(RingChannel::close);
        tensors.clear();
        if (thumbnails != null) {
            thumbnails.close();
        }
        if (previews != null) {
            previews.close();
        }
    }
}

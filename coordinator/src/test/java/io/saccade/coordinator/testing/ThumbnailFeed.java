package io.saccade.coordinator.testing;

import io.saccade.os.futex.FutexWordSignal;
import io.saccade.protocol.ring.FrameStamp;
import io.saccade.protocol.ring.InvalidRingException;
import io.saccade.protocol.ring.RingBusyException;
import io.saccade.protocol.ring.RingFiles;
import io.saccade.protocol.ring.RingKind;
import io.saccade.protocol.ring.SlotRingWriter;
import io.saccade.protocol.tensor.InputSpec;
import io.saccade.protocol.time.NanoClock;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.locks.LockSupport;

/**
 * Plays a node's preprocess for coordinator tests and benchmarks: writes an 80x60 grey thumbnail of stream 1 into
 * the node's real thumbnail ring at a fixed rate, and a 320x240 colour preview ({@link #PREVIEW_BGR} over the left
 * half, black over the right) of every frame into its preview ring, stamped with this process's monotonic clock as
 * the capture time (the robot's clock, when the robot side runs in the same process).
 */
public final class ThumbnailFeed implements AutoCloseable {
    /** Frames are stamped as captured this long before they were ready on the node. */
    public static final long CAPTURE_TO_READY_NANOS = 4_000_000;
    /** The thumbnail spec preprocess writes by default. */
    public static final InputSpec SPEC = InputSpec.parse("80x60:grey:nhwc:u8:stretch");
    /** The preview spec preprocess writes by default. */
    public static final InputSpec PREVIEW = InputSpec.parse("320x240:bgr:nhwc:u8:stretch");
    /** The colour of the previews' left half, blue, green, red. */
    public static final byte[] PREVIEW_BGR = {40, 120, (byte)230};

    private final SlotRingWriter writer;
    private final SlotRingWriter previews;
    private final long periodNanos;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile long seq;
    private volatile Frame newest;

    /**
     * A frame the feed wrote.
     *
     * @param seq          its sequence number.
     * @param captureNanos its capture time, as stamped in its slot.
     */
    public record Frame(long seq, long captureNanos) {
    }

    private ThumbnailFeed(final SlotRingWriter writer, final SlotRingWriter previews, final long periodNanos) {
        this.writer = writer;
        this.previews = previews;
        this.periodNanos = periodNanos;
        this.thread = Thread.ofPlatform().daemon().name("thumbnail-feed").unstarted(this::run);
    }

    /**
     * @param sharedMemory the node's shared-memory directory.
     * @param periodNanos  time between frames.
     * @return the running feed.
     * @throws IOException          when the ring cannot be created.
     * @throws InvalidRingException when a file in the way is not a ring.
     * @throws RingBusyException    when another live writer owns the ring.
     */
    public static ThumbnailFeed start(final Path sharedMemory, final long periodNanos)
        throws IOException, InvalidRingException, RingBusyException {
        return start(sharedMemory, periodNanos, 0);
    }

    /**
     * @param sharedMemory the node's shared-memory directory.
     * @param periodNanos  time between frames.
     * @param lastSeq      the sequence number before the first frame's.
     * @return the running feed.
     * @throws IOException          when the ring cannot be created.
     * @throws InvalidRingException when a file in the way is not a ring.
     * @throws RingBusyException    when another live writer owns the ring.
     */
    public static ThumbnailFeed start(final Path sharedMemory, final long periodNanos, final long lastSeq)
        throws IOException, InvalidRingException, RingBusyException {
        Files.createDirectories(sharedMemory);
        final ThumbnailFeed feed = new ThumbnailFeed(SlotRingWriter.open(RingFiles.thumbnails(sharedMemory),
            RingKind.THUMBNAIL, SPEC, 8, SPEC.tensorBytes(), FutexWordSignal.forThisPlatform(), NanoClock.system()),
            SlotRingWriter.open(RingFiles.previews(sharedMemory), RingKind.PREVIEW, PREVIEW, 2, PREVIEW.tensorBytes(),
                FutexWordSignal.forThisPlatform(), NanoClock.system()), periodNanos);
        feed.seq = lastSeq;
        feed.thread.start();
        return feed;
    }

    private void run() {
        final FrameStamp stamp = new FrameStamp();
        final byte[] picture = new byte[PREVIEW.tensorBytes()];
        for (int i = 0; i < picture.length; i++) {
            picture[i] = i / 3 % PREVIEW.width() < PREVIEW.width() / 2 ? PREVIEW_BGR[i % 3] : 0;
        }
        long next = System.nanoTime();
        while (running) {
            final MemorySegment slot = writer.claim();
            for (int i = 0; i < SPEC.tensorBytes(); i++) {
                slot.set(ValueLayout.JAVA_BYTE, i, (byte)(40 + (i % 80 * 3 + i / 80 * 5) % 60));
            }
            final long now = System.nanoTime();
            final Frame frame = new Frame(seq + 1, now - CAPTURE_TO_READY_NANOS);
            // as preprocess does once it has measured the robot's clock: captured 4 ms ago, sent after 1.5 ms
            writer.publish(stamp.set(1, frame.seq(), frame.captureNanos(), 640, 480).frameReadyAtNanos(now)
                .writtenAtNanos(now).clock((int)(CAPTURE_TO_READY_NANOS / 1_000), 50, 1_500), SPEC.tensorBytes());
            newest = frame;
            seq = frame.seq();
            MemorySegment.copy(picture, 0, previews.claim(), ValueLayout.JAVA_BYTE, 0, picture.length);
            previews.publish(stamp, PREVIEW.tensorBytes());
            next += periodNanos;
            LockSupport.parkNanos(next - System.nanoTime());
        }
    }

    /** @return the newest frame written, or {@code null} before the first. */
    public Frame newest() {
        return newest;
    }

    /** @return the sequence number of the newest frame written. */
    public long newestSeq() {
        return seq;
    }

    /** Stops writing and closes the ring; closing again does nothing. */
    @Override
    public synchronized void close() {
        if (!running) {
            return;
        }
        running = false;
        try {
            thread.join(1_000);
        } catch (final InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        writer.close();
        previews.close();
    }
}

package io.saccade.coordinator.dashboard;

import io.saccade.coordinator.effect.Thumbnail;
import io.saccade.protocol.message.Decision;
import io.saccade.protocol.message.Freshness;
import io.saccade.protocol.message.ModelState;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;

/**
 * What the dashboard shows, fed by the decision thread (thumbnails, at most ten a second) and the MQTT client's
 * thread (decisions, from whichever member leads), read by the dashboard's HTTP thread. Thread-safe; copies
 * everything it keeps, so the feeders' buffers are never shared.
 */
public final class LiveView {
    private static final long THUMBNAIL_PERIOD_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final int SERIES = 600;

    private byte[] pixels;
    private int width;
    private int height;
    private long thumbnailSeq;
    private long thumbnailAtNanos = Long.MIN_VALUE;
    private Decision decision;
    private long decisions;
    private final Deque<Point> series = new ArrayDeque<>(SERIES);

    /**
     * One point of the rolling chart.
     *
     * @param atMillis          wall-clock time the decision was seen.
     * @param frameSeq          the frame decided.
     * @param readyToDecidedMicros on the leader's node, frame ready -> decided.
     * @param evidenceAgeMicros the oldest model evidence the decision used; -1 when it had none.
     * @param action            the action.
     */
    public record Point(long atMillis, long frameSeq, long readyToDecidedMicros, long evidenceAgeMicros,
                        String action) {
    }

    /**
     * Keeps a copy of a thumbnail, at most ten a second.
     *
     * @param thumbnail the newest thumbnail of a frame.
     * @param nowNanos  monotonic time.
     */
    public synchronized void thumbnail(final Thumbnail thumbnail, final long nowNanos) {
        if (nowNanos - thumbnailAtNanos < THUMBNAIL_PERIOD_NANOS && thumbnailAtNanos != Long.MIN_VALUE) {
            return;
        }
        thumbnailAtNanos = nowNanos;
        width = thumbnail.width();
        height = thumbnail.height();
        pixels = thumbnail.pixels().clone();
        thumbnailSeq = thumbnail.frameSeq();
    }

    /**
     * @param next     a decision, from any leader.
     * @param atMillis wall-clock time it was seen.
     */
    public synchronized void decision(final Decision next, final long atMillis) {
        decision = next;
        decisions++;
        long oldest = -1;
        for (final ModelState model : next.models()) {
            if (model.freshness() != Freshness.MISSING) {
                oldest = Math.max(oldest, model.ageMicros());
            }
        }
        if (series.size() == SERIES) {
            series.removeFirst();
        }
        series.addLast(new Point(atMillis, next.frameSeq(), next.timings().decideMicros(), oldest,
            next.action().name()));
    }

    /**
     * @return the newest thumbnail as a PNG, or {@code null} before the first.
     */
    public synchronized byte[] thumbnailPng() {
        if (pixels == null) {
            return null;
        }
        final BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        image.getRaster().setDataElements(0, 0, width, height, pixels);
        final ByteArrayOutputStream png = new ByteArrayOutputStream(8_192);
        try {
            ImageIO.write(image, "png", png);
        } catch (final IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return png.toByteArray();
    }

    /** @return the sequence number of the thumbnail {@link #thumbnailPng()} shows. */
    public synchronized long thumbnailSeq() {
        return thumbnailSeq;
    }

    /** @return the newest decision seen, or {@code null}. */
    public synchronized Decision decision() {
        return decision;
    }

    /** @return decisions seen since start. */
    public synchronized long decisions() {
        return decisions;
    }

    /** @return the rolling chart's points, oldest first. */
    public synchronized List<Point> series() {
        return new ArrayList<>(series);
    }
}

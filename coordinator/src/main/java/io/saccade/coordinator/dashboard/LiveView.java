package io.saccade.coordinator.dashboard;

import io.saccade.coordinator.effect.Thumbnail;
import io.saccade.protocol.message.Decision;
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
    private byte[] png;
    private long pngSeq = -1;
    /** Touched by the decision thread only. */
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
    public void thumbnail(final Thumbnail thumbnail, final long nowNanos) {
        if (nowNanos - thumbnailAtNanos < THUMBNAIL_PERIOD_NANOS && thumbnailAtNanos != Long.MIN_VALUE) {
            return;
        }
        thumbnailAtNanos = nowNanos;
        final byte[] copy = thumbnail.pixels().clone();
        synchronized (this) {
            width = thumbnail.width();
            height = thumbnail.height();
            pixels = copy;
            thumbnailSeq = thumbnail.frameSeq();
        }
    }

    /**
     * @param next     a decision, from any leader.
     * @param atMillis wall-clock time it was seen.
     */
    public synchronized void decision(final Decision next, final long atMillis) {
        decision = next;
        decisions++;
        final long oldest = next.oldestEvidenceMicros();
        if (series.size() == SERIES) {
            series.removeFirst();
        }
        series.addLast(new Point(atMillis, next.frameSeq(), next.timings().decideMicros(), oldest,
            next.action().name()));
    }

    /**
     * Encodes the newest thumbnail as a PNG, once per thumbnail and outside the lock the decision thread takes (the
     * pixels it reads are never written again: every thumbnail kept is a fresh copy).
     *
     * @return the PNG, or {@code null} before the first thumbnail.
     */
    public byte[] thumbnailPng() {
        final byte[] shown;
        final int w;
        final int h;
        final long seq;
        synchronized (this) {
            if (pixels == null || pngSeq == thumbnailSeq) {
                return png;
            }
            shown = pixels;
            w = width;
            h = height;
            seq = thumbnailSeq;
        }
        final BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        image.getRaster().setDataElements(0, 0, w, h, shown);
        final ByteArrayOutputStream out = new ByteArrayOutputStream(8_192);
        try {
            ImageIO.write(image, "png", out);
        } catch (final IOException ex) {
            throw new UncheckedIOException(ex);
        }
        final byte[] encoded = out.toByteArray();
        synchronized (this) {
            if (seq - pngSeq > 0 || pngSeq < 0) {
                png = encoded;
                pngSeq = seq;
            }
        }
        return encoded;
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

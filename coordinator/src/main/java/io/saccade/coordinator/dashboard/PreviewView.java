package io.saccade.coordinator.dashboard;

import io.saccade.protocol.ring.RingKind;
import io.saccade.protocol.ring.RingSource;
import io.saccade.protocol.ring.SlotView;
import io.saccade.protocol.ring.WordSignal;
import io.saccade.protocol.tensor.ColourOrder;
import io.saccade.protocol.tensor.ElementType;
import io.saccade.protocol.tensor.InputSpec;
import io.saccade.protocol.tensor.TensorLayout;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * The live view's colour picture: the newest preview the node's preprocess wrote into its preview ring (BGR bytes,
 * a few a second), encoded as a JPEG when the dashboard asks and the preview is new, so an idle dashboard costs
 * nothing and a busy one one encode per preview. A missing ring (previews turned off, preprocess not up yet) or a
 * ring of another pixel format leaves the dashboard on its grey thumbnail. Thread-safe: HTTP threads share it.
 */
public final class PreviewView implements AutoCloseable {
    private static final float QUALITY = 0.8f;

    private final RingSource ring;
    /** One JPEG writer for every preview (looked up once; reset between images). */
    private final ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    private final ImageWriteParam quality = writer.getDefaultWriteParam();
    private BufferedImage image;
    /** The image's pixels (B, G, R in memory), where previews are copied to. */
    private MemorySegment pixels;
    private byte[] jpeg;
    private long seq = -1;
    private String refused;

    /**
     * @param file   the node's preview ring.
     * @param signal how rings wake their readers (never waited on here).
     */
    public PreviewView(final Path file, final WordSignal signal) {
        this.ring = new RingSource(file, RingKind.PREVIEW, signal, TimeUnit.SECONDS.toNanos(1));
        quality.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        quality.setCompressionQuality(QUALITY);
    }

    /**
     * Takes the newest preview if there is a new one.
     *
     * @return the frame the current preview shows, -1 before the first.
     */
    public synchronized long refresh() {
        final SlotView view = ring.awaitNewest(0);
        if (view == null) {
            return seq;
        }
        final InputSpec spec = ring.spec();
        if (!isPreview(spec)) {
            if (refused == null) {
                refused = ring.file() + " holds " + spec + ", not BGR u8 pixels: showing the thumbnail instead";
                System.getLogger(PreviewView.class.getName()).log(System.Logger.Level.WARNING, refused);
            }
            return seq;
        }
        if (image == null || image.getWidth() != spec.width() || image.getHeight() != spec.height()) {
            image = new BufferedImage(spec.width(), spec.height(), BufferedImage.TYPE_3BYTE_BGR);
            pixels = MemorySegment.ofArray(((DataBufferByte)image.getRaster().getDataBuffer()).getData());
        }
        if (view.length() == spec.tensorBytes() && view.copyTo(pixels)) {
            jpeg = encode();
            seq = view.frame().frameSeq();
        }
        return seq;
    }

    /** @return the newest preview as a JPEG, or {@code null} before the first. */
    public synchronized byte[] jpeg() {
        return jpeg;
    }

    private static boolean isPreview(final InputSpec spec) {
        return spec != null && spec.colourOrder() == ColourOrder.BGR && spec.elementType() == ElementType.U8
            && spec.layout() == TensorLayout.NHWC;
    }

    private byte[] encode() {
        final ByteArrayOutputStream out = new ByteArrayOutputStream(32_768);
        try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(stream);
            writer.write(null, new IIOImage(image, null, null), quality);
        } catch (final IOException ex) {
            throw new UncheckedIOException(ex);
        } finally {
            writer.reset();
        }
        return out.toByteArray();
    }

    @Override
    public synchronized void close() {
        ring.close();
        writer.dispose();
    }
}

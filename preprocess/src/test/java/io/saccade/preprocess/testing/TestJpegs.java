package io.saccade.preprocess.testing;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * JPEGs made and read back with the JDK's own ImageIO codec, so tests judge OpenCV's output against an
 * independent decoder.
 */
public final class TestJpegs {
    /** Quadrant colours, top-left, top-right, bottom-left, bottom-right. */
    public static final Color[] QUADRANTS = {new Color(200, 30, 30), new Color(30, 200, 60), new Color(40, 60, 210),
        new Color(230, 230, 90)};

    private TestJpegs() {
    }

    /**
     * @param width  image width.
     * @param height image height.
     * @return a JPEG of four flat quadrants, quality 0.95.
     * @throws IOException when ImageIO cannot write it.
     */
    public static byte[] quadrants(final int width, final int height) throws IOException {
        final BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        final Graphics2D graphics = image.createGraphics();
        for (int q = 0; q < 4; q++) {
            graphics.setColor(QUADRANTS[q]);
            graphics.fillRect(q % 2 * width / 2, q / 2 * height / 2, width / 2, height / 2);
        }
        graphics.dispose();
        return encode(image);
    }

    /**
     * @param jpeg a JPEG.
     * @return it decoded by ImageIO.
     * @throws IOException when ImageIO cannot read it.
     */
    public static BufferedImage decode(final byte[] jpeg) throws IOException {
        return ImageIO.read(new ByteArrayInputStream(jpeg));
    }

    private static byte[] encode(final BufferedImage image) throws IOException {
        final ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        final ImageWriteParam parameters = writer.getDefaultWriteParam();
        parameters.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        parameters.setCompressionQuality(0.95f);
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.write(null, new IIOImage(image, null, null), parameters);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }
}

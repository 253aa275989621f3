package io.saccade.accelerator.testing;

import io.saccade.protocol.message.Box;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The labelled faces of dlib's example photos ({@code testing.xml}, PASCAL VOC images).
 *
 * @param image the photo.
 * @param faces the labelled faces as fractions of the photo.
 */
public record FaceTruth(Path image, List<Box> faces) {
    /**
     * @param dataset dlib's {@code testing.xml}.
     * @return every photo with its faces.
     * @throws Exception when the file does not parse.
     */
    public static List<FaceTruth> read(final Path dataset) throws Exception {
        final DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        final NodeList images = factory.newDocumentBuilder().parse(dataset.toFile()).getElementsByTagName("image");
        final List<FaceTruth> truths = new ArrayList<>();
        for (int i = 0; i < images.getLength(); i++) {
            final Element image = (Element)images.item(i);
            final float width = Float.parseFloat(image.getAttribute("width"));
            final float height = Float.parseFloat(image.getAttribute("height"));
            final NodeList boxes = image.getElementsByTagName("box");
            final List<Box> faces = new ArrayList<>();
            for (int b = 0; b < boxes.getLength(); b++) {
                final Element box = (Element)boxes.item(b);
                final float left = Float.parseFloat(box.getAttribute("left"));
                final float top = Float.parseFloat(box.getAttribute("top"));
                faces.add(new Box(left / width, top / height,
                    Math.min(1f, (left + Float.parseFloat(box.getAttribute("width"))) / width),
                    Math.min(1f, (top + Float.parseFloat(box.getAttribute("height"))) / height)));
            }
            truths.add(new FaceTruth(dataset.resolveSibling(image.getAttribute("file")), faces));
        }
        return truths;
    }

    /**
     * @param a a box.
     * @param b another.
     * @return their intersection over union.
     */
    public static float iou(final Box a, final Box b) {
        final float width = Math.min(a.x1(), b.x1()) - Math.max(a.x0(), b.x0());
        final float height = Math.min(a.y1(), b.y1()) - Math.max(a.y0(), b.y0());
        if (width <= 0f || height <= 0f) {
            return 0f;
        }
        final float intersection = width * height;
        return intersection / (a.area() + b.area() - intersection);
    }
}

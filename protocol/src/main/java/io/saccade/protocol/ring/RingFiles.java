package io.saccade.protocol.ring;

import io.saccade.protocol.tensor.InputSpec;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Where a node's rings live in its shared-memory directory: the names writers create and readers open. One tensor
 * ring per input spec, named by the spec's id, one thumbnail ring and one preview ring.
 */
public final class RingFiles {
    /** The thumbnail ring's file name. */
    public static final String THUMBNAILS = "thumbnails.ring";
    /** The preview ring's file name. */
    public static final String PREVIEWS = "previews.ring";

    private RingFiles() {
    }

    /**
     * @param directory the node's shared-memory directory.
     * @param spec      an input spec.
     * @return the tensor ring of that spec.
     */
    public static Path tensors(final Path directory, final InputSpec spec) {
        return directory.resolve(String.format(Locale.ROOT, "tensor-%08x.ring", spec.id()));
    }

    /**
     * @param directory the node's shared-memory directory.
     * @return the thumbnail ring.
     */
    public static Path thumbnails(final Path directory) {
        return directory.resolve(THUMBNAILS);
    }

    /**
     * @param directory the node's shared-memory directory.
     * @return the preview ring.
     */
    public static Path previews(final Path directory) {
        return directory.resolve(PREVIEWS);
    }
}

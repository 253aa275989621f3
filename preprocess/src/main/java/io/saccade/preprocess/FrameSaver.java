package io.saccade.preprocess;

import io.saccade.preprocess.reassembly.JpegFrame;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.Consumer;

/** Writes every N-th frame the decode stage sees to a directory, for people who want to look. */
record FrameSaver(Path directory, int every, long[] count) implements Consumer<JpegFrame> {
    private static final System.Logger LOG = System.getLogger(FrameSaver.class.getName());

    FrameSaver(final Path directory, final int every) {
        this(directory, Math.max(1, every), new long[1]);
    }

    @Override
    public void accept(final JpegFrame frame) {
        if (count[0]++ % every != 0) {
            return;
        }
        final Path file = directory.resolve("stream-" + frame.streamId() + "-"
            + Long.toUnsignedString(frame.frameSeq()) + ".jpg");
        try {
            Files.createDirectories(directory);
            Files.write(file, Arrays.copyOf(frame.data(), frame.length()));
        } catch (final IOException ex) {
            LOG.log(System.Logger.Level.WARNING, "cannot save {0}: {1}", file, ex.getMessage());
        }
    }
}

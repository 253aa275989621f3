package io.saccade.preprocess.shm;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A node's shared-memory directory: a tmpfs directory that preprocess and the accelerators of the node all mount
 * (a hostPath on the node's /dev/shm in Kubernetes). Knows whether there is room for what is about to be created,
 * and says how much is missing and where to get it when there is not.
 */
public final class SharedMemoryDirectory {
    private static final System.Logger LOG = System.getLogger(SharedMemoryDirectory.class.getName());
    private static final long MIB = 1 << 20;

    private final Path path;

    private SharedMemoryDirectory(final Path path) {
        this.path = path;
    }

    /**
     * Creates the directory if needed and warns when it is not on tmpfs (it works, but every write may go to disk).
     *
     * @param path the directory.
     * @return the directory.
     * @throws IOException when it cannot be created.
     */
    public static SharedMemoryDirectory open(final Path path) throws IOException {
        Files.createDirectories(path);
        final String type = Files.getFileStore(path).type();
        if (!"tmpfs".equals(type)) {
            LOG.log(System.Logger.Level.WARNING, "shared-memory directory {0} is on {1}, not tmpfs: rings work but "
                + "may be written back to disk", path, type);
        }
        return new SharedMemoryDirectory(path);
    }

    /** @return the directory. */
    public Path path() {
        return path;
    }

    /**
     * @param bytes what is about to be created needs this much.
     * @param what  what it is, for the message.
     * @throws InsufficientSharedMemoryException when the file system has less room.
     * @throws IOException when the room cannot be determined.
     */
    public void requireRoom(final long bytes, final String what) throws IOException {
        final FileStore store = Files.getFileStore(path);
        final long free = store.getUsableSpace();
        if (free < bytes) {
            throw new InsufficientSharedMemoryException(String.format(java.util.Locale.ROOT,
                "%s needs %.1f MiB in %s, but only %.1f MiB of its %.1f MiB are free. Make the tmpfs bigger: "
                    + "docker run --shm-size=256m, or in Kubernetes mount a hostPath on the node's /dev/shm (sized "
                    + "by the node, see README 'Deploy on Kubernetes') instead of a small emptyDir; or set "
                    + "shmDir to a bigger tmpfs.",
                what, bytes / (double)MIB, path, free / (double)MIB, store.getTotalSpace() / (double)MIB));
        }
    }
}

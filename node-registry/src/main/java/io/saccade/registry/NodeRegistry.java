package io.saccade.registry;

import io.saccade.protocol.ring.ProcessIdentity;
import io.saccade.protocol.time.NanoClock;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import net.openhft.chronicle.map.ChronicleMap;

/**
 * The node-local registry: small entries many processes of one node read and write, in a Chronicle Map file on the
 * node's tmpfs. Entries are soft state: each service rewrites its own every heartbeat, and an entry whose process is
 * gone or whose heartbeat is stale counts as absent (and is removed by whoever notices).
 * <p>
 * Chronicle Map keeps its locks in the file; a process killed while holding one leaves the map locked for everyone.
 * So an operation that fails (a lock timeout after {@code net.openhft.chronicle.map.lockTimeoutSeconds}, or a
 * corrupt file) makes this process replace the file with an empty one, under a file lock so only one process does;
 * the others notice the new file and reopen it, and the next heartbeats fill it again.
 * <p>
 * Large because every operation carries the same recovery from a broken or locked Chronicle Map file, which only makes
 * sense next to them.
 */
public final class NodeRegistry implements AutoCloseable {
    /** The map's file name in the shared-memory directory. */
    public static final String FILE_NAME = "registry.cm";

    private static final System.Logger LOG = System.getLogger(NodeRegistry.class.getName());
    private static final int MAX_ENTRIES = 256;
    /** Where Chronicle Map keeps the size word of its header; positive once the header is complete. */
    private static final int CHRONICLE_SIZE_WORD_OFFSET = 8;
    private static final long CREATION_GRACE_NANOS = TimeUnit.SECONDS.toNanos(3);

    private final Path file;
    private final Path lockFile;
    private final NanoClock clock;
    private final long staleAfterNanos;
    private ChronicleMap<CharSequence, byte[]> map;
    private Object fileKey;
    private long rebuilds;

    private NodeRegistry(final Path directory, final NanoClock clock, final long staleAfterNanos) {
        this.file = directory.resolve(FILE_NAME);
        this.lockFile = directory.resolve(FILE_NAME + ".lock");
        this.clock = clock;
        this.staleAfterNanos = staleAfterNanos;
    }

    /**
     * Opens (creating if needed) the registry of the node whose shared-memory directory this is. Takes a second or
     * two: Chronicle Map compiles code the first time.
     *
     * @param directory       the node's shared-memory directory.
     * @param clock           the node's monotonic clock.
     * @param staleAfterNanos a heartbeat older than this means the service is gone.
     * @return the registry.
     * @throws IOException when the directory is unusable.
     */
    public static NodeRegistry open(final Path directory, final NanoClock clock, final long staleAfterNanos)
        throws IOException {
        Files.createDirectories(directory);
        final NodeRegistry registry = new NodeRegistry(directory, clock, staleAfterNanos);
        registry.attach();
        return registry;
    }

    /**
     * Writes a service's entry: its registration or a heartbeat.
     *
     * @param registration the entry.
     * @throws IOException when the registry file cannot be rebuilt after a failure.
     */
    public synchronized void put(final ServiceRegistration registration) throws IOException {
        final byte[] value = registration.encode();
        withMap(current -> current.put(registration.service(), value));
    }

    /**
     * Removes a service's entry; services call it when they stop cleanly.
     *
     * @param service the service name.
     * @throws IOException when the registry file cannot be rebuilt after a failure.
     */
    public synchronized void remove(final String service) throws IOException {
        withMap(current -> current.remove(service));
    }

    /**
     * @return every live entry: heartbeat fresh and process not known to be gone. Entries found dead are removed.
     * @throws IOException when the registry file cannot be rebuilt after a failure.
     */
    public synchronized List<ServiceRegistration> live() throws IOException {
        final List<ServiceRegistration> live = new ArrayList<>();
        final List<CharSequence> dead = new ArrayList<>();
        withMap(current -> {
            live.clear();
            dead.clear();
            current.forEachEntry(entry -> classify(entry.key().get().toString(), entry.value().get(), live, dead));
            dead.forEach(current::remove);
            return null;
        });
        return live;
    }

    /** @return how often this process had to replace a broken registry file. */
    public synchronized long rebuilds() {
        return rebuilds;
    }

    private void classify(final String service, final byte[] value, final List<ServiceRegistration> live,
                          final List<CharSequence> dead) {
        final ServiceRegistration registration;
        try {
            registration = ServiceRegistration.decode(value);
        } catch (final IllegalArgumentException ex) {
            LOG.log(System.Logger.Level.WARNING, "dropping unreadable registry entry {0}: {1}", service,
                ex.getMessage());
            dead.add(service);
            return;
        }
        final boolean stale = clock.nanoTime() - registration.heartbeatNanos() > staleAfterNanos;
        if (stale || registration.process().liveness() == ProcessIdentity.Liveness.GONE) {
            dead.add(service);
        } else {
            live.add(registration);
        }
    }

    private interface MapOperation {
        Object apply(ChronicleMap<CharSequence, byte[]> map);
    }

    private void withMap(final MapOperation operation) throws IOException {
        followReplacement();
        try {
            operation.apply(map);
        } catch (final RuntimeException ex) {
            LOG.log(System.Logger.Level.WARNING, "registry {0} failed ({1}); replacing it with an empty one that the "
                + "next heartbeats fill", file, ex.toString());
            rebuild();
            operation.apply(map);
        }
    }

    /** Reopens the file when another process replaced it. */
    private void followReplacement() throws IOException {
        final Object current = currentFileKey();
        if (!Objects.equals(current, fileKey)) {
            detach();
            attach();
        }
    }

    private void attach() throws IOException {
        try {
            if (!awaitReadyOrAbsent()) {
                throw new IOException("its header never became ready (a process died creating it)");
            }
            map = create();
            fileKey = currentFileKey();
        } catch (final IOException | RuntimeException ex) {
            LOG.log(System.Logger.Level.WARNING, "cannot open registry {0} ({1}); replacing it", file, ex.toString());
            rebuild();
        }
    }

    /** Replaces the file with an empty map, unless another process already did. */
    @SuppressWarnings("try") // The file lock is held for the block; nothing in it needs the lock object.
    void rebuild() throws IOException {
        final Object broken = fileKey;
        detach();
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock lock = channel.lock()) {
            final Object current = currentFileKey();
            if (current != null && (broken == null || current.equals(broken))) {
                Files.deleteIfExists(file);
            }
            map = create();
            fileKey = currentFileKey();
            rebuilds++;
        }
    }

    /**
     * Chronicle Map waits a whole minute for a file whose header is not marked ready, assuming its creator is still
     * at work. A creator takes milliseconds; one that died leaves the file unready for ever. So look first, and give
     * an unready file a few seconds at most.
     */
    private boolean awaitReadyOrAbsent() throws IOException {
        final long deadline = System.nanoTime() + CREATION_GRACE_NANOS;
        while (true) {
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
                final ByteBuffer sizeWord = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
                if (channel.read(sizeWord, CHRONICLE_SIZE_WORD_OFFSET) == 4 && sizeWord.getInt(0) > 0) {
                    return true;
                }
            } catch (final NoSuchFileException ex) {
                return true;
            }
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
        }
    }

    private ChronicleMap<CharSequence, byte[]> create() throws IOException {
        return ChronicleMap.of(CharSequence.class, byte[].class)
            .name("saccade-node-registry")
            .entries(MAX_ENTRIES)
            .averageKey("accelerator-ssd-mobilenet-v2")
            .averageValueSize(160)
            .createPersistedTo(file.toFile());
    }

    private Object currentFileKey() throws IOException {
        try {
            return Files.readAttributes(file, BasicFileAttributes.class).fileKey();
        } catch (final NoSuchFileException ex) {
            return null;
        }
    }

    private void detach() {
        if (map != null) {
            map.close();
            map = null;
        }
        fileKey = null;
    }

    @Override
    public synchronized void close() {
        detach();
    }
}

package io.saccade.protocol.auth;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;

/**
 * A secret shared by the robot and the cluster nodes, with the id fragments carry to name it. Read from a file
 * only, never from a command line (which every user of the machine can see in the process list).
 * <p>
 * The file holds the raw key bytes, {@value #MIN_BYTES} to {@value #MAX_BYTES} of them; {@link #generate} writes
 * one with owner-only permissions.
 */
public final class MacKey {
    /** Shortest key accepted: 256 bits. */
    public static final int MIN_BYTES = 32;
    /** Longest key accepted: one HMAC-SHA256 block. */
    public static final int MAX_BYTES = 64;

    private static final System.Logger LOG = System.getLogger(MacKey.class.getName());

    private final int id;
    private final byte[] secret;

    private MacKey(final int id, final byte[] secret) {
        if (id < 0 || id > 255) {
            throw new IllegalArgumentException("key id must be 0..255, got " + id);
        }
        if (secret.length < MIN_BYTES || secret.length > MAX_BYTES) {
            throw new IllegalArgumentException("key must be " + MIN_BYTES + ".." + MAX_BYTES + " bytes, got "
                + secret.length);
        }
        this.id = id;
        this.secret = secret;
    }

    /**
     * @param id     the key's id, 0..255.
     * @param secret the key bytes; copied.
     * @return the key.
     */
    public static MacKey of(final int id, final byte[] secret) {
        return new MacKey(id, secret.clone());
    }

    /**
     * Reads a key file, warning once when other users may read it.
     *
     * @param id   the key's id, 0..255.
     * @param file holding the raw key bytes.
     * @return the key.
     * @throws IOException when the file cannot be read.
     * @throws IllegalArgumentException naming the file when its length is not a valid key length.
     */
    public static MacKey load(final int id, final Path file) throws IOException {
        final byte[] secret = Files.readAllBytes(file);
        warnIfShared(file);
        try {
            return new MacKey(id, secret);
        } catch (final IllegalArgumentException ex) {
            throw new IllegalArgumentException("key file " + file + ": " + ex.getMessage()
                + " (write a fresh one with ./saccade keygen " + file + ")", ex);
        }
    }

    /**
     * Writes a new random key file readable by its owner only.
     *
     * @param file where to write; must not exist.
     * @throws IOException when it exists or cannot be written.
     */
    public static void generate(final Path file) throws IOException {
        final byte[] secret = new byte[MIN_BYTES];
        new SecureRandom().nextBytes(secret);
        Files.createFile(file);
        restrictToOwner(file);
        Files.write(file, secret);
    }

    /** @return the key's id. */
    public int id() {
        return id;
    }

    byte[] secret() {
        return secret.clone();
    }

    @Override
    public String toString() {
        return "MacKey[id=" + id + ", " + secret.length + " bytes]";
    }

    @Override
    public boolean equals(final Object other) {
        return other instanceof MacKey that && id == that.id && Arrays.equals(secret, that.secret);
    }

    @Override
    public int hashCode() {
        return 31 * id + Arrays.hashCode(secret);
    }

    private static void restrictToOwner(final Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, EnumSet.of(PosixFilePermission.OWNER_READ,
                PosixFilePermission.OWNER_WRITE));
        } catch (final UnsupportedOperationException ex) {
            LOG.log(System.Logger.Level.WARNING, "cannot restrict permissions of {0} on this file system", file);
        }
    }

    private static void warnIfShared(final Path file) throws IOException {
        try {
            final Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            if (permissions.contains(PosixFilePermission.OTHERS_READ)) {
                LOG.log(System.Logger.Level.WARNING, "key file {0} is readable by every user; chmod 600 it", file);
            }
        } catch (final UnsupportedOperationException ex) {
            LOG.log(System.Logger.Level.DEBUG, "no POSIX permissions on {0}", file);
        }
    }
}

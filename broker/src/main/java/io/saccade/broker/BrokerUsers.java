package io.saccade.broker;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The users the broker admits: a directory with one file per user, named after the user and holding its password
 * (surrounding white space ignored), the same files the clients read their password from. Read once at start-up.
 */
public final class BrokerUsers {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final System.Logger LOG = System.getLogger(BrokerUsers.class.getName());

    private final Map<String, byte[]> passwords;

    private BrokerUsers(final Map<String, byte[]> passwords) {
        this.passwords = passwords;
    }

    /**
     * @param directory one file per user.
     * @return the users.
     * @throws IOException when the directory cannot be read.
     * @throws IllegalArgumentException when it holds no user, or a file whose name is no user name or which is empty.
     */
    public static BrokerUsers read(final Path directory) throws IOException {
        final Map<String, byte[]> passwords = new HashMap<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, Files::isRegularFile)) {
            for (final Path file : files) {
                final String user = file.getFileName().toString();
                if (!NAME.matcher(user).matches()) {
                    throw new IllegalArgumentException("users directory " + directory + ": '" + user
                        + "' is not a user name (1-64 of A-Z a-z 0-9 . _ -)");
                }
                final String password = Files.readString(file).strip();
                if (password.isEmpty()) {
                    throw new IllegalArgumentException("password file " + file + " is empty");
                }
                warnIfShared(file);
                passwords.put(user, password.getBytes(StandardCharsets.UTF_8));
            }
        }
        if (passwords.isEmpty()) {
            throw new IllegalArgumentException("users directory " + directory + " holds no user; the broker takes no "
                + "anonymous clients");
        }
        return new BrokerUsers(Map.copyOf(passwords));
    }

    /**
     * @param user     the user name a client presented, or none.
     * @param password the password it presented, or none.
     * @return whether they are a known user's, compared in constant time.
     */
    public boolean admits(final Optional<String> user, final Optional<ByteBuffer> password) {
        if (user.isEmpty() || password.isEmpty()) {
            return false;
        }
        final byte[] expected = passwords.get(user.get());
        final ByteBuffer presented = password.get().duplicate();
        final byte[] bytes = new byte[presented.remaining()];
        presented.get(bytes);
        return expected != null && MessageDigest.isEqual(expected, bytes);
    }

    /** @return how many users there are. */
    public int size() {
        return passwords.size();
    }

    private static void warnIfShared(final Path file) throws IOException {
        try {
            if (Files.getPosixFilePermissions(file).contains(PosixFilePermission.OTHERS_READ)) {
                LOG.log(System.Logger.Level.WARNING, "password file {0} is readable by every user; chmod 600 it",
                    file);
            }
        } catch (final UnsupportedOperationException ex) {
            LOG.log(System.Logger.Level.DEBUG, "no POSIX permissions on {0}", file);
        }
    }
}

package io.saccade.runtime.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/** What the test brokers share: the users' password files, the project's ACL, ports and the wait for a listener. */
final class BrokerFiles {
    private BrokerFiles() {
    }

    /** @return the project's ACL file. */
    static Path acl() {
        final Path acl = root().resolve("etc/broker/acl");
        if (!Files.isRegularFile(acl)) {
            throw new IllegalStateException("no ACL at " + acl + " (saccade.root is " + root() + ")");
        }
        return acl;
    }

    /** @return the project's root folder. */
    static Path root() {
        return Path.of(System.getProperty("saccade.root", "..")).toAbsolutePath().normalize();
    }

    /**
     * Writes a password file per {@link TestBroker#USERS user}, owner-only.
     *
     * @param directory where.
     * @return the directory.
     * @throws IOException when the files cannot be written.
     */
    static Path users(final Path directory) throws IOException {
        Files.createDirectories(directory);
        for (final String user : TestBroker.USERS) {
            final Path file = directory.resolve(user);
            if (!Files.exists(file)) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(
                    "rw-------")));
                Files.writeString(file, "pw-" + user + "-" + Long.toHexString(System.nanoTime()) + "\n");
            }
        }
        return directory;
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /**
     * Waits, bounded, until a broker process listens on every port given, noticing an early exit.
     *
     * @param process the broker.
     * @param name    what it is, for messages.
     * @param log     where its output goes.
     * @param timeout the longest wait.
     * @param ports   the ports it must accept connections on.
     * @throws IOException          when it exits or does not listen in time.
     * @throws InterruptedException when interrupted.
     */
    static void awaitListening(final Process process, final String name, final Path log, final Duration timeout,
                               final int... ports) throws IOException, InterruptedException {
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (!Arrays.stream(ports).allMatch(BrokerFiles::accepts)) {
            if (!process.isAlive()) {
                throw new IOException(name + " exited with " + process.exitValue() + ": " + Files.readString(log));
            }
            if (System.nanoTime() > deadline) {
                throw new IOException(name + " did not listen on " + Arrays.toString(ports) + " within " + timeout);
            }
            process.waitFor(10, TimeUnit.MILLISECONDS); // bounded wait, and it notices an early exit
        }
    }

    static boolean accepts(final int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (final IOException ex) {
            return false;
        }
    }
}

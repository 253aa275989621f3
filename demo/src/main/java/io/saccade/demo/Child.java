package io.saccade.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One process of the demo: a module's main class in its own JVM, started the way {@code ./saccade} starts it (the
 * project's JVM flags file, the module's build output and dependency class path), its output appended to a log.
 */
final class Child {
    private final String name;
    private final List<String> command;
    private final Path log;
    private volatile Process process;
    private volatile long logOffset;
    private int restarts;

    Child(final String name, final Path root, final String module, final String main, final Path log,
          final List<String> args) throws IOException {
        this.name = name;
        this.log = log;
        final Path classpath = root.resolve(module).resolve("target/classpath.txt");
        if (!Files.exists(classpath)) {
            throw new IOException(classpath + " is missing: build first (./saccade build)");
        }
        this.command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "@" + root.resolve("etc/jvm.options"), "-cp", root.resolve(module).resolve("target/classes") + ":"
                + Files.readString(classpath, StandardCharsets.UTF_8).strip(), main));
        this.command.addAll(args);
    }

    void start() throws IOException {
        logOffset = Files.exists(log) ? Files.size(log) : 0;
        process = new ProcessBuilder(command).redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    }

    void restart() throws IOException {
        restarts++;
        start();
    }

    /**
     * @param text    what this run's part of the log must come to contain.
     * @param timeout the longest wait.
     * @throws IOException when the process ends or the time runs out first.
     * @throws InterruptedException when interrupted.
     */
    void awaitLog(final String text, final Duration timeout) throws IOException, InterruptedException {
        final long deadline = System.nanoTime() + timeout.toNanos();
        final long from = process.pid();
        while (System.nanoTime() < deadline) {
            if (sinceStart().contains(text)) {
                return;
            }
            if (!process.isAlive()) {
                throw new IOException(name + " (pid " + from + ") exited with " + process.exitValue()
                    + " before it was ready; see " + log);
            }
            Thread.sleep(100);
        }
        throw new IOException(name + " was not ready within " + timeout.toSeconds() + " s; see " + log);
    }

    /**
     * @param pattern a pattern with one group.
     * @return the group of its first match in this run's log, or {@code null}.
     * @throws IOException when the log cannot be read.
     */
    String find(final Pattern pattern) throws IOException {
        final Matcher matcher = pattern.matcher(sinceStart());
        return matcher.find() ? matcher.group(1) : null;
    }

    /** The log from this run's start: the file is appended to across runs and restarts. */
    private String sinceStart() throws IOException {
        final byte[] all = Files.readAllBytes(log);
        final int from = (int)Math.min(all.length, logOffset);
        return new String(all, from, all.length - from, StandardCharsets.UTF_8);
    }

    /** @return the running process, or {@code null} before it started. */
    ProcessHandle handle() {
        return process == null ? null : process.toHandle();
    }

    boolean isAlive() {
        return process != null && process.isAlive();
    }

    int exitValue() {
        return process.exitValue();
    }

    /** Asks the process to stop (SIGTERM: its shutdown hook closes it cleanly), then waits, then kills it. */
    void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (final InterruptedException ex) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    String name() {
        return name;
    }

    int restarts() {
        return restarts;
    }

    Path log() {
        return log;
    }
}

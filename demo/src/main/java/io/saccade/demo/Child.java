package io.saccade.demo;

import io.saccade.protocol.lifecycle.ReadyFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One process of the demo: a module's main class in its own JVM, started the way {@code ./saccade} starts it (the
 * project's JVM flags file, the module's build output and dependency class path), its output appended to a log.
 * It is ready when it has written its {@link ReadyFile} ({@code --ready-file}, next to its log).
 */
final class Child {
    private final String name;
    private final List<String> command;
    private final Path log;
    private final Path readyFile;
    private volatile Process process;
    private volatile ReadyFile ready;
    private int restarts;

    Child(final String name, final Path root, final String module, final String main, final Path log,
          final List<String> args) throws IOException {
        this.name = name;
        this.log = log;
        this.readyFile = log.resolveSibling(name + ".ready");
        final Path classpath = root.resolve(module).resolve("target/classpath.txt");
        if (!Files.exists(classpath)) {
            throw new IOException(classpath + " is missing: build first (./saccade build)");
        }
        this.command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "@" + root.resolve("etc/jvm.options"), "-cp", root.resolve(module).resolve("target/classes") + ":"
                + Files.readString(classpath, StandardCharsets.UTF_8).strip(), main));
        this.command.addAll(args);
        this.command.addAll(List.of("--ready-file", readyFile.toString()));
    }

    void start() throws IOException {
        Files.deleteIfExists(readyFile);
        ready = null;
        process = new ProcessBuilder(command).redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    }

    void restart() throws IOException {
        restarts++;
        start();
    }

    /**
     * @param timeout the longest wait.
     * @return what the process said when it was ready.
     * @throws IOException when the process ends or the time runs out first.
     */
    ReadyFile awaitReady(final Duration timeout) throws IOException {
        final long pid = process.pid();
        final ReadyFile signal = ReadyFile.await(readyFile, timeout, process::isAlive);
        if (signal != null) {
            ready = signal;
            return signal;
        }
        if (!process.isAlive()) {
            throw new IOException(name + " (pid " + pid + ") exited with " + process.exitValue()
                + " before it was ready; see " + log);
        }
        throw new IOException(name + " was not ready within " + timeout.toSeconds() + " s; see " + log);
    }

    /** @return the port its health and metrics are served on, as its readiness signal said, or -1. */
    int healthPort() {
        final ReadyFile signal = ready;
        return signal == null ? -1 : signal.healthPort();
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

package io.saccade.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A Saccade service in its own JVM (this JVM's flags and class path), its output in a log file so that a long run
 * never blocks on a full pipe. {@link #kill()} is SIGKILL, what a node failure looks like to the others.
 */
final class ServiceProcess implements AutoCloseable {
    private final Process process;
    private final Path log;

    private ServiceProcess(final Process process, final Path log) {
        this.process = process;
        this.log = log;
    }

    static ServiceProcess start(final Class<?> main, final Path log, final String... args) throws IOException {
        return new ServiceProcess(new ProcessBuilder(ChildProcess.command(main, args)).redirectErrorStream(true)
            .redirectOutput(log.toFile()).start(), log);
    }

    /**
     * @param text    what the output must contain.
     * @param timeout the longest wait.
     * @throws IOException when the process ends or the time runs out first; the message holds its output.
     * @throws InterruptedException when interrupted.
     */
    void awaitOutput(final String text, final Duration timeout) throws IOException, InterruptedException {
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            final String output = Files.readString(log, StandardCharsets.UTF_8);
            if (output.contains(text)) {
                return;
            }
            if (!process.isAlive()) {
                throw new IOException("the process ended before printing '" + text + "':\n" + output);
            }
            Thread.sleep(50);
        }
        throw new IOException("no '" + text + "' within " + timeout + ":\n" + Files.readString(log));
    }

    /** @return the process, for CPU accounting. */
    ProcessHandle handle() {
        return process.toHandle();
    }

    /** Kills the process with SIGKILL and reaps it. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    @Override
    public void close() {
        process.destroy();
        ChildProcess.reap(process);
    }
}

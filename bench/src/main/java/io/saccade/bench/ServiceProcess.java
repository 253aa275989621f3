package io.saccade.bench;

import io.saccade.protocol.lifecycle.ReadyFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;

/**
 * A Saccade service in its own JVM (this JVM's flags and class path), its output in a log file so that a long run
 * never blocks on a full pipe; it is ready when it has written its {@link ReadyFile}. {@link #kill()} is SIGKILL,
 * what a node failure looks like to the others.
 */
final class ServiceProcess implements AutoCloseable {
    private final Process process;
    private final Path log;
    private final Path readyFile;

    private ServiceProcess(final Process process, final Path log, final Path readyFile) {
        this.process = process;
        this.log = log;
        this.readyFile = readyFile;
    }

    static ServiceProcess start(final Class<?> main, final Path log, final String... args) throws IOException {
        final Path readyFile = log.resolveSibling(log.getFileName() + ".ready");
        Files.deleteIfExists(readyFile);
        final String[] all = Arrays.copyOf(args, args.length + 2);
        all[args.length] = "--ready-file";
        all[args.length + 1] = readyFile.toString();
        return new ServiceProcess(new ProcessBuilder(ChildProcess.command(main, all)).redirectErrorStream(true)
            .redirectOutput(log.toFile()).start(), log, readyFile);
    }

    /**
     * @param timeout the longest wait.
     * @return what the service said when it was ready.
     * @throws IOException when the process ends or the time runs out first; the message holds its output.
     */
    ReadyFile awaitReady(final Duration timeout) throws IOException {
        final ReadyFile ready = ReadyFile.await(readyFile, timeout, process::isAlive);
        if (ready == null) {
            throw new IOException((process.isAlive() ? "not ready within " + timeout : "the process ended before "
                + "it was ready") + ":\n" + Files.readString(log, StandardCharsets.UTF_8));
        }
        return ready;
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

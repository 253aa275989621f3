package io.saccade.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

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
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(main.getName());
        command.addAll(List.of(args));
        return new ServiceProcess(new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
            .start(), log);
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

    /** Kills the process with SIGKILL and reaps it. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (final InterruptedException ex) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}

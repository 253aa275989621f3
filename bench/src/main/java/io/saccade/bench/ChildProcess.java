package io.saccade.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A second JVM running a benchmark's other side, with this JVM's flags and class path; its output read by line. */
final class ChildProcess implements AutoCloseable {
    private final Process process;
    private final BufferedReader output;

    private ChildProcess(final Process process) {
        this.process = process;
        this.output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    static ChildProcess start(final Class<?> main, final String... args) throws IOException {
        return new ChildProcess(new ProcessBuilder(command(main, args)).redirectErrorStream(true).start());
    }

    /**
     * @param main class whose {@code main} to run.
     * @param args its arguments.
     * @return the command line of a JVM with this JVM's flags and class path running it.
     */
    static List<String> command(final Class<?> main, final String... args) {
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(main.getName());
        command.addAll(List.of(args));
        return command;
    }

    /**
     * @param prefix what the wanted line starts with.
     * @return the first line of output that does.
     * @throws IOException when the child ends without printing it.
     */
    String awaitLine(final String prefix) throws IOException {
        final StringBuilder seen = new StringBuilder();
        for (String line = output.readLine(); line != null; line = output.readLine()) {
            if (line.startsWith(prefix)) {
                return line;
            }
            seen.append(line).append('\n');
        }
        throw new IOException("the child process ended without printing " + prefix + ":\n" + seen);
    }

    @Override
    public void close() {
        reap(process);
    }

    /**
     * Waits up to 10 s for a process to end, then kills it.
     *
     * @param process the process.
     */
    static void reap(final Process process) {
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

package io.saccade.os.testing;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A second JVM running a test class's {@code main}, with this JVM's class path and flags, for tests of contracts
 * that cross process boundaries. Output is captured; every wait is bounded.
 */
public final class ChildJvm implements AutoCloseable {
    private final Process process;
    private final Path output;

    private ChildJvm(final Process process, final Path output) {
        this.process = process;
        this.output = output;
    }

    /**
     * @param main class whose {@code main} to run.
     * @param args its arguments.
     * @return the running child.
     * @throws IOException when the JVM cannot be started.
     */
    public static ChildJvm start(final Class<?> main, final String... args) throws IOException {
        final List<String> flags = new ArrayList<>();
        for (final String flag : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (!flag.startsWith("-javaagent") && !flag.startsWith("-agentlib")) {
                flags.add(flag);
            }
        }
        return start(flags, main, args);
    }

    /**
     * @param jvmFlags the child's JVM flags, instead of this JVM's.
     * @param main     class whose {@code main} to run.
     * @param args     its arguments.
     * @return the running child.
     * @throws IOException when the JVM cannot be started.
     */
    public static ChildJvm start(final List<String> jvmFlags, final Class<?> main, final String... args)
        throws IOException {
        final List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin",
            "java").toString()));
        command.addAll(jvmFlags);
        command.add("-cp");
        command.add(System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")));
        command.add(main.getName());
        command.addAll(List.of(args));
        final Path output = Files.createTempFile("saccade-child", ".log");
        final Process process = new ProcessBuilder(command).redirectErrorStream(true)
            .redirectOutput(output.toFile()).start();
        return new ChildJvm(process, output);
    }

    /** @return the child's process id. */
    public long pid() {
        return process.pid();
    }

    /** @return the child process. */
    public Process process() {
        return process;
    }

    /**
     * Waits for the child to exit.
     *
     * @param timeoutSeconds the longest wait.
     * @return its exit code.
     * @throws InterruptedException when interrupted.
     * @throws AssertionError when it does not exit in time (it is killed), with its output.
     */
    public int awaitExit(final long timeoutSeconds) throws InterruptedException {
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("child JVM did not exit within " + timeoutSeconds + " s; output:\n" + output());
        }
        return process.exitValue();
    }

    /** @return everything the child printed so far. */
    public String output() {
        try {
            return Files.readString(output, StandardCharsets.UTF_8);
        } catch (final IOException ex) {
            return "(output unreadable: " + ex + ")";
        }
    }

    /** Kills the child if it still runs and removes its output file. */
    @Override
    public void close() throws IOException {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (final InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        Files.deleteIfExists(output);
    }
}

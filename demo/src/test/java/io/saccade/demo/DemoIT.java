package io.saccade.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The README's run command, for real: the demo supervisor with its nine processes (embedded broker, two nodes of
 * preprocess + accelerator, three coordinators, the robot with a synthetic camera), on ports the OS reported free.
 * One coordinator is killed with SIGKILL while it runs: the rest keeps deciding and the supervisor restarts it.
 */
class DemoIT {
    private static final Pattern DECIDED = Pattern.compile("decided (\\d+\\.\\d)/s");
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @Test
    void shouldRunTheWholeSystemSurviveAKilledProcessAndCleanUp() throws Exception {
        final Path model = cache().resolve("models/ssd-mobilenetv2-oidv4-fp16.tflite");
        Assumptions.assumeTrue(Files.exists(model), "the models are not fetched (./saccade models)");
        final int base = freeBase();
        final List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
            .toString()));
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
            .filter(flag -> !flag.startsWith("-javaagent")).toList());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), DemoMain.class.getName(), "--root",
            ROOT.toString(), "--source", "synthetic", "--mqtt-port", Integer.toString(freeTcpPort()), "--base-port",
            Integer.toString(base), "--duration", "40"));
        final Process demo = new ProcessBuilder(command).redirectErrorStream(true).start();
        final List<String> lines = new CopyOnWriteArrayList<>();
        final Thread reader = Thread.ofPlatform().start(() -> read(demo, lines));
        try {
            awaitLine(lines, line -> DECIDED.matcher(line).find() && rate(line) > 5, 300, demo);
            final ProcessHandle coordinator = child("coordinator-a").orElseThrow();
            coordinator.destroyForcibly();
            awaitLine(lines, line -> line.contains("coordinator-a exited with"), 60, demo);
            final int afterKill = lines.size();
            awaitLine(lines, line -> lines.indexOf(line) > afterKill && DECIDED.matcher(line).find() && rate(line) > 5
                && line.contains("9/9 processes up"), 120, demo);

            final List<ProcessHandle> started = demo.descendants().toList();
            assertEquals(9, started.size(), "broker, 2 x preprocess, 2 x accelerator, 3 coordinators, robot");

            assertTrue(demo.waitFor(180, TimeUnit.SECONDS), "the demo stops after --duration");
            reader.join(5_000);
            assertEquals(0, demo.exitValue(), String.join("\n", lines));
            final String stopped = lines.stream().filter(line -> line.contains("stopped; removed")).findFirst()
                .orElseThrow(() -> new AssertionError(String.join("\n", lines)));
            assertFalse(Files.exists(Path.of(stopped.substring(stopped.indexOf("/dev/shm")).strip())));
            assertTrue(started.stream().noneMatch(ProcessHandle::isAlive), "no process left behind");
        } finally {
            demo.descendants().forEach(ProcessHandle::destroyForcibly);
            demo.destroyForcibly();
        }
    }

    private static Optional<ProcessHandle> child(final String member) {
        return ProcessHandle.current().descendants().filter(handle -> handle.info().arguments()
            .map(args -> List.of(args).contains(member) && List.of(args).contains(
                "io.saccade.coordinator.CoordinatorMain")).orElse(false)).findFirst();
    }

    private static double rate(final String line) {
        final Matcher matcher = DECIDED.matcher(line);
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0;
    }

    private static void awaitLine(final List<String> lines, final Predicate<String> wanted,
                                  final long seconds, final Process demo) throws InterruptedException {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            if (lines.stream().anyMatch(wanted)) {
                return;
            }
            if (!demo.isAlive() && lines.stream().noneMatch(wanted)) {
                break;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the demo did not print what was expected within " + seconds + " s:\n"
            + String.join("\n", lines));
    }

    private static void read(final Process demo, final List<String> lines) {
        try (BufferedReader output = new BufferedReader(new InputStreamReader(demo.getInputStream(),
            StandardCharsets.UTF_8))) {
            for (String line = output.readLine(); line != null; line = output.readLine()) {
                lines.add(line);
            }
        } catch (final IOException ex) {
            lines.add("(output unreadable: " + ex + ")");
        }
    }

    /** A base port whose node ports (base+1, base+2) and decision port (base+100) are free for UDP. */
    private static int freeBase() throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            final int candidate;
            try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
                candidate = probe.getLocalPort() - 1;
            }
            if (candidate + 100 < 65536 && udpFree(candidate + 1) && udpFree(candidate + 2)
                && udpFree(candidate + 100)) {
                return candidate;
            }
        }
        throw new IOException("no free port range found");
    }

    private static boolean udpFree(final int port) {
        try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress("127.0.0.1", port))) {
            return probe.getLocalPort() == port;
        } catch (final IOException ex) {
            return false;
        }
    }

    private static int freeTcpPort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0)) {
            return probe.getLocalPort();
        }
    }

    private static Path cache() {
        final String explicit = System.getenv("SACCADE_CACHE");
        final String xdg = System.getenv("XDG_CACHE_HOME");
        return explicit != null && !explicit.isBlank() ? Path.of(explicit)
            : (xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache"))
                .resolve("saccade");
    }
}

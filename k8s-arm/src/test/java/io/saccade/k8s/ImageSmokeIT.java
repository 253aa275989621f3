package io.saccade.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The arm64 image of a service, started the way a node's container runtime starts it: the image tarball Jib wrote is
 * unpacked layer by layer into an OCI bundle, {@code runc} runs the image's own entrypoint and environment with
 * {@code --version}, and the kernel hands the arm64 {@code java} to qemu-user through binfmt_misc. The service must
 * answer with its version, {@code aarch64} and the epoll transport (its native for this architecture loaded).
 *
 * <p>Runs in the {@code images} profile ({@code ./saccade test-arm64}), which builds the image first and names it
 * in {@code saccade.smoke.image}. Needs root, {@code runc} and a binfmt_misc entry for aarch64 (Debian:
 * {@code qemu-user-static}); {@code .ci/run} installs both.
 */
@EnabledIfSystemProperty(named = "saccade.smoke.image", matches = ".+",
    disabledReason = "needs the arm64 image: ./saccade test-arm64 builds it and runs this test")
class ImageSmokeIT {
    private static final Path BINFMT = Path.of("/proc/sys/fs/binfmt_misc/qemu-aarch64");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path bundle;

    @Test
    void shouldReportItsVersionAndArchitectureFromTheArm64ImageUnderRunc() throws Exception {
        final Path image = Path.of(System.getProperty("saccade.smoke.image"));
        assertTrue(Files.isRegularFile(image), image + " is missing: build it with ./saccade images arm64");
        final String runc = requireRunc();
        final Binfmt binfmt = requireBinfmt();

        final JsonNode config = unpack(image, bundle.resolve("rootfs"));
        assertEquals("arm64", config.path("architecture").asString(), "architecture in the image config");
        writeRuntimeSpec(runc, config, binfmt);

        final String id = "saccade-smoke-" + ProcessHandle.current().pid();
        final Run run = run(List.of(runc, "run", "--bundle", bundle.toString(), id), 300);
        run(List.of(runc, "delete", "--force", id), 30);
        assertEquals(0, run.exit(), run.output());
        final String version = System.getProperty("saccade.smoke.version");
        assertTrue(run.output().contains("saccade preprocess " + version), run.output());
        assertTrue(run.output().contains("linux aarch64"), run.output());
        // Netty's aarch_64 epoll native is in the image and loads (recvmmsg itself is not tried by --version).
        assertTrue(run.output().contains("UDP: epoll"), run.output());
    }

    /** Unpacks a {@code docker save} tarball's layers in order into {@code rootfs}; returns the image config. */
    private static JsonNode unpack(final Path image, final Path rootfs) throws Exception {
        final Path layers = Files.createDirectories(rootfs.resolveSibling("layers"));
        expectSuccess(run(List.of("tar", "-xf", image.toString(), "-C", layers.toString()), 120));
        final JsonNode manifest = JSON.readTree(layers.resolve("manifest.json").toFile()).get(0);
        Files.createDirectories(rootfs);
        for (final JsonNode layer : manifest.get("Layers")) {
            final Path file = layers.resolve(layer.asString());
            final Run listing = expectSuccess(run(List.of("tar", "-tzf", file.toString()), 120));
            if (listing.output().contains(".wh.")) {
                fail(layer.asString() + " has whiteout entries; this test unpacks additive layers only");
            }
            expectSuccess(run(List.of("tar", "-xzf", file.toString(), "-C", rootfs.toString()), 120));
        }
        return JSON.readTree(layers.resolve(manifest.get("Config").asString()).toFile());
    }

    /** runc's default spec, given the image's entrypoint, environment and a read-only root. */
    private void writeRuntimeSpec(final String runc, final JsonNode image, final Binfmt binfmt) throws Exception {
        expectSuccess(run(List.of(runc, "spec", "--bundle", bundle.toString()), 30));
        final Path file = bundle.resolve("config.json");
        final ObjectNode spec = (ObjectNode) JSON.readTree(file.toFile());
        final ObjectNode process = (ObjectNode) spec.get("process");
        process.put("terminal", false);
        final ArrayNode args = process.putArray("args");
        image.path("config").path("Entrypoint").forEach(args::add);
        args.add("--version");
        final ArrayNode env = process.putArray("env");
        image.path("config").path("Env").forEach(env::add);
        spec.putObject("root").put("path", "rootfs").put("readonly", true);
        // A read-only root gets a writable /tmp, as a hardened pod gets an emptyDir there: Netty and JavaCPP unpack
        // their natives into java.io.tmpdir before loading them.
        ((ArrayNode) spec.get("mounts")).addObject().put("destination", "/tmp").put("type", "tmpfs")
            .put("source", "tmpfs").set("options", JSON.createArrayNode().add("nosuid").add("nodev").add("mode=1777"));
        // Without binfmt's F flag the kernel opens the interpreter inside the container: put it there.
        binfmt.bindMount().ifPresent(host -> ((ArrayNode) spec.get("mounts")).addObject()
            .put("destination", binfmt.interpreter()).put("type", "bind").put("source", host.toString())
            .set("options", JSON.createArrayNode().add("bind").add("ro")));
        JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), spec);
    }

    private static String requireRunc() throws IOException {
        for (final String dir : System.getenv().getOrDefault("PATH", "/usr/sbin:/usr/bin").split(":")) {
            final Path candidate = Path.of(dir, "runc");
            if (Files.isExecutable(candidate)) {
                assertEquals("0", run(List.of("id", "-u"), 10).output().strip(), "runc needs root here");
                return candidate.toString();
            }
        }
        return fail("runc is not installed (Debian: apt-get install runc)");
    }

    private static Binfmt requireBinfmt() throws IOException {
        if (!Files.isReadable(BINFMT)) {
            fail("no binfmt_misc entry for aarch64 at " + BINFMT + " (Debian: apt-get install qemu-user-static "
                + "binfmt-support; binfmt_misc must be mounted)");
        }
        final List<String> lines = Files.readAllLines(BINFMT);
        assertEquals("enabled", lines.getFirst(), BINFMT + ": " + lines);
        final String interpreter = value(lines, "interpreter ");
        final boolean fixed = value(lines, "flags: ").contains("F");
        return new Binfmt(interpreter, fixed ? Optional.empty() : Optional.of(Path.of(interpreter).toRealPath()));
    }

    private static String value(final List<String> lines, final String key) {
        return lines.stream().filter(line -> line.startsWith(key)).map(line -> line.substring(key.length()))
            .findFirst().orElseThrow(() -> new AssertionError(BINFMT + " has no '" + key + "' line: " + lines));
    }

    private static Run expectSuccess(final Run run) {
        assertEquals(0, run.exit(), run.output());
        return run;
    }

    private static Run run(final List<String> command, final long timeoutSeconds) throws IOException {
        final Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        final List<String> output = new ArrayList<>();
        final Thread reader = Thread.ofVirtual().start(() -> {
            try (InputStream in = process.getInputStream()) {
                output.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (final IOException ex) {
                output.add("(output lost: " + ex + ")");
            }
        });
        try {
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail(String.join(" ", command) + " did not finish within " + timeoutSeconds + " s");
            }
            reader.join(TimeUnit.SECONDS.toMillis(10));
        } catch (final InterruptedException ex) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            fail("interrupted while running " + command);
        }
        return new Run(process.exitValue(), String.join("", output));
    }

    /** The aarch64 interpreter the kernel starts, and the host file to mount there if it is not opened up front. */
    private record Binfmt(String interpreter, Optional<Path> bindMount) {
    }

    private record Run(int exit, String output) {
    }
}

package io.saccade.openvino;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Where to look for libopenvino_c, in order, with what is already known to be wrong with each place. Plain file
 * logic, no native code: {@link OpenVino#load} does the loading.
 * <p>
 * Large because the search order and the message that explains a failed search are one piece of behaviour.
 */
final class OvLibrarySearch {
    /** The unversioned file name; installs also carry {@code libopenvino_c.so.<soversion>}. */
    static final String LIBRARY = "libopenvino_c.so";

    /**
     * Sonames to ask the dynamic loader for when no directory had the library. OpenVINO's soversion is the release
     * without its leading "20" ({@code 2024.6.0 -> libopenvino_c.so.2460}), and distribution packages ship only that
     * name; the unversioned one comes with the development package.
     */
    static final List<String> SONAMES = List.of(LIBRARY,
        LIBRARY + ".2230", LIBRARY + ".2231", LIBRARY + ".2232", LIBRARY + ".2233",
        LIBRARY + ".2300", LIBRARY + ".2310", LIBRARY + ".2320", LIBRARY + ".2330",
        LIBRARY + ".2400", LIBRARY + ".2410", LIBRARY + ".2420", LIBRARY + ".2430", LIBRARY + ".2440",
        LIBRARY + ".2450", LIBRARY + ".2460",
        LIBRARY + ".2500", LIBRARY + ".2510", LIBRARY + ".2520", LIBRARY + ".2530", LIBRARY + ".2540",
        LIBRARY + ".2600", LIBRARY + ".2610", LIBRARY + ".2620");

    private static final int EM_X86_64 = 62;
    private static final int EM_AARCH64 = 183;

    /**
     * One thing to try.
     *
     * @param label   what the failure message calls it: a path, or a soname.
     * @param file    the library file, or {@code null} to ask the dynamic loader for {@code label}.
     * @param problem why it cannot be used, when known without loading it; else {@code null}.
     */
    record Target(String label, Path file, String problem) {
    }

    private final List<Target> targets = new ArrayList<>();
    private final Set<String> seen = new HashSet<>();

    /** @return the targets, in the order added. */
    List<Target> targets() {
        return List.copyOf(targets);
    }

    /**
     * Adds a library file, or every {@code libopenvino_c.so*} in a directory (the unversioned name first).
     *
     * @param candidate a file or directory.
     * @return this.
     */
    OvLibrarySearch addPath(final Path candidate) {
        final Path path = candidate.toAbsolutePath().normalize();
        if (!seen.add(key(path))) {
            return this;
        }
        if (Files.isDirectory(path)) {
            addDirectory(path);
        } else if (Files.isRegularFile(path)) {
            targets.add(new Target(path.toString(), path, null));
        } else if (Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            targets.add(new Target(path.toString(), null, Files.isSymbolicLink(path) ? "broken symbolic link"
                : "not a regular file or directory"));
        } else {
            targets.add(new Target(path.toString(), null, "no such file or directory"));
        }
        return this;
    }

    /**
     * Adds the usual places: {@code $SACCADE_OPENVINO_LIB}, {@code $INTEL_OPENVINO_DIR/runtime/lib/<arch>}, each
     * {@code LD_LIBRARY_PATH} entry, {@code /opt/intel/openvino*}, the system library directories, then the sonames
     * for the dynamic loader (which also consults {@code ld.so.cache}).
     *
     * @param env  the environment, normally {@link System#getenv()}.
     * @param arch {@code os.arch}.
     * @return this.
     */
    OvLibrarySearch addDefaults(final Map<String, String> env, final String arch) {
        final boolean arm = isArm(arch);
        final String runtimeLib = "runtime/lib/" + (arm ? "aarch64" : "intel64");
        final String explicit = env.get(OpenVino.ENV_LIBRARY);
        if (explicit != null && !explicit.isBlank()) {
            addPath(Path.of(explicit.strip()));
        }
        final String openvinoDir = env.get("INTEL_OPENVINO_DIR");
        if (openvinoDir != null && !openvinoDir.isBlank()) {
            addPath(Path.of(openvinoDir.strip()).resolve(runtimeLib));
        }
        final String ldPath = env.get("LD_LIBRARY_PATH");
        if (ldPath != null) {
            for (final String entry : ldPath.split(":")) {
                if (!entry.isBlank()) {
                    addPath(Path.of(entry));
                }
            }
        }
        addPath(Path.of("/opt/intel/openvino").resolve(runtimeLib));
        for (final Path install : listDescending(Path.of("/opt/intel"), "openvino")) {
            addPath(install.resolve(runtimeLib));
        }
        addPath(Path.of(arm ? "/usr/lib/aarch64-linux-gnu" : "/usr/lib/x86_64-linux-gnu"));
        addPath(Path.of("/usr/local/lib"));
        for (final String soname : SONAMES) {
            if (seen.add(soname)) {
                targets.add(new Target(soname, null, null));
            }
        }
        return this;
    }

    /**
     * Checks the ELF header, so a wrong file is reported plainly and never handed to {@code dlopen}.
     *
     * @param file a candidate library.
     * @return why it cannot be a library for this JVM, or {@code null} if it might be.
     */
    static String elfProblem(final Path file) {
        final byte[] header = new byte[20];
        int read = 0;
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; read < header.length && (n = in.read(header, read, header.length - read)) > 0; ) {
                read += n;
            }
        } catch (final IOException ex) {
            return "cannot read: " + ex.getMessage();
        }
        if (read < header.length || header[0] != 0x7f || header[1] != 'E' || header[2] != 'L' || header[3] != 'F') {
            return "not an ELF shared library";
        }
        if (header[4] != 2 || header[5] != 1) {
            return "not a 64-bit little-endian ELF file";
        }
        final int machine = (header[18] & 0xff) | (header[19] & 0xff) << 8;
        final String arch = System.getProperty("os.arch", "");
        final int expected = isArm(arch) ? EM_AARCH64 : EM_X86_64;
        if (machine != expected) {
            return "built for ELF machine " + machine + ", this JVM is " + arch + " (" + expected + ")";
        }
        return null;
    }

    private void addDirectory(final Path dir) {
        final List<Path> found = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, LIBRARY + "*")) {
            for (final Path entry : entries) {
                final String name = entry.getFileName().toString();
                if (name.equals(LIBRARY) || name.startsWith(LIBRARY + ".")) {
                    found.add(entry);
                }
            }
        } catch (final IOException ex) {
            targets.add(new Target(dir.toString(), null, "cannot list directory: " + ex.getMessage()));
            return;
        }
        if (found.isEmpty()) {
            targets.add(new Target(dir.toString(), null, "directory has no " + LIBRARY + "*"));
            return;
        }
        found.sort(Comparator.comparing((Path p) -> !p.getFileName().toString().equals(LIBRARY))
            .thenComparing(Comparator.comparing(Path::toString).reversed()));
        for (final Path library : found) {
            if (seen.add(key(library))) {
                targets.add(new Target(library.toString(), Files.isRegularFile(library) ? library : null,
                    Files.isRegularFile(library) ? null : "broken symbolic link"));
            }
        }
    }

    private static List<Path> listDescending(final Path dir, final String prefix) {
        final List<Path> found = new ArrayList<>();
        if (Files.isDirectory(dir)) {
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, prefix + "*")) {
                entries.forEach(found::add);
            } catch (final IOException ex) {
                return List.of();
            }
        }
        found.sort(Comparator.comparing(Path::toString).reversed());
        return found;
    }

    private static String key(final Path path) {
        try {
            return Files.exists(path) ? path.toRealPath().toString() : path.toString();
        } catch (final IOException ex) {
            return path.toString();
        }
    }

    private static boolean isArm(final String arch) {
        final String lower = arch.toLowerCase(Locale.ROOT);
        return lower.equals("aarch64") || lower.equals("arm64");
    }
}

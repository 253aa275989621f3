package io.saccade.openvino;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.abort;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OpenVinoLibrarySearchTest {
    @TempDir
    Path dir;

    @Test
    void shouldSayWhyEachCandidateFailedInOrder() throws Exception {
        final Path empty = Files.createDirectory(dir.resolve("empty"));
        final Path missing = dir.resolve("missing");
        final Path garbage = Files.createDirectory(dir.resolve("garbage"));
        Files.writeString(garbage.resolve("libopenvino_c.so"), "not a library");

        final OpenVinoUnavailableException ex = assertThrows(OpenVinoUnavailableException.class,
            () -> OpenVino.load(List.of(empty, missing, garbage), false));

        assertEquals(List.of(
            empty + ": directory has no libopenvino_c.so*",
            missing + ": no such file or directory",
            garbage.resolve("libopenvino_c.so") + ": not an ELF shared library"), ex.attempts());
        assertTrue(ex.getMessage().startsWith("No usable OpenVINO C library (libopenvino_c.so) was found. Tried:\n  "
            + empty), ex.getMessage());
        assertTrue(ex.getMessage().contains(OpenVino.ENV_LIBRARY), ex.getMessage());
    }

    @Test
    void shouldGiveTheDynamicLoadersReasonAndRejectLibrariesThatAreNotOpenVino() throws Exception {
        OvTestSupport.requireGcc();
        final Path source = Files.writeString(dir.resolve("lib.c"), "int saccade_answer(void) { return 42; }\n");
        final Path user = Files.writeString(dir.resolve("user.c"),
            "int saccade_answer(void);\nint saccade_ask(void) { return saccade_answer(); }\n");
        final Path dependency = OvTestSupport.compileLibrary(source, dir.resolve("dep/libsaccadedep.so"));
        final Path needsIt = OvTestSupport.compileLibrary(user, dir.resolve("needs/libopenvino_c.so"),
            "-Wl,--no-as-needed", "-L" + dependency.getParent(), "-lsaccadedep");
        Files.delete(dependency);
        final Path notOpenVino = OvTestSupport.compileLibrary(source, dir.resolve("other/libopenvino_c.so"));

        final OpenVinoUnavailableException ex = assertThrows(OpenVinoUnavailableException.class,
            () -> OpenVino.load(List.of(needsIt, notOpenVino), false));

        assertTrue(ex.attempts().get(0).startsWith(needsIt + ": "), ex.getMessage());
        assertTrue(ex.attempts().get(0).contains("libsaccadedep.so"), ex.getMessage());
        assertEquals(notOpenVino + ": has no ov_get_openvino_version, so it is not an OpenVINO 2022.3+ C library",
            ex.attempts().get(1));
    }

    @Test
    void shouldTryTheUnversionedNameFirstThenNewerVersions() throws Exception {
        for (final String name : List.of("libopenvino_c.so.2024.3.0", "libopenvino_c.so.2430", "libopenvino_c.so",
            "libopenvino_c.so-gdb.py", "libopenvino.so")) {
            Files.writeString(dir.resolve(name), name);
        }
        assertEquals(List.of("libopenvino_c.so", "libopenvino_c.so.2430", "libopenvino_c.so.2024.3.0"),
            new OvLibrarySearch().addPath(dir).targets().stream().map(t -> t.file().getFileName().toString()).toList());
    }

    @Test
    void shouldLookInTheUsualPlacesInOrderWithoutRepeats() throws Exception {
        final Path explicit = Files.createDirectory(dir.resolve("explicit"));
        Files.writeString(explicit.resolve("libopenvino_c.so"), "x");
        final Path install = dir.resolve("openvino_2024.6.0");
        final Path ld = Files.createDirectory(dir.resolve("ld"));
        final Map<String, String> env = Map.of(OpenVino.ENV_LIBRARY, explicit.toString(),
            "INTEL_OPENVINO_DIR", install.toString(),
            "LD_LIBRARY_PATH", ld + "::" + explicit);

        final List<String> labels = new OvLibrarySearch().addDefaults(env, "amd64").targets().stream()
            .map(OvLibrarySearch.Target::label).toList();

        assertEquals(List.of(explicit.resolve("libopenvino_c.so").toString(),
            install.resolve("runtime/lib/intel64").toString(), ld.toString()), labels.subList(0, 3));
        assertEquals(OvLibrarySearch.SONAMES, labels.subList(labels.size() - OvLibrarySearch.SONAMES.size(),
            labels.size()));
        assertEquals(labels.size(), labels.stream().distinct().count(), labels.toString());
        assertTrue(labels.contains("/opt/intel/openvino/runtime/lib/intel64"), labels.toString());
        assertTrue(new OvLibrarySearch().addDefaults(Map.of(), "aarch64").targets().stream()
            .anyMatch(t -> t.label().equals("/opt/intel/openvino/runtime/lib/aarch64")));
    }

    @Test
    void shouldGoOnToTheUsualPlacesWhenAsked() throws Exception {
        final Path empty = Files.createDirectory(dir.resolve("empty"));
        final OpenVinoUnavailableException ex;
        try {
            OpenVino.load(List.of(empty)).close();
            abort("an OpenVINO runtime is installed here, so the search succeeds");
            return;
        } catch (final OpenVinoUnavailableException unavailable) {
            ex = unavailable;
        }
        assertEquals(empty + ": directory has no libopenvino_c.so*", ex.attempts().getFirst());
        assertTrue(ex.attempts().getLast().startsWith(String.join(", ", OvLibrarySearch.SONAMES) + ": "),
            ex.getMessage());
    }
}

package io.saccade.runtime.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    record Fec(double redundancy, boolean enabled) {
    }

    record Sample(String name, int fps, Fec fec, List<String> peers) {
        Sample {
            if (fps < 1 || fps > 240) {
                throw new IllegalArgumentException("fps must be 1..240, got " + fps);
            }
        }
    }

    private static final Sample DEFAULTS = new Sample("robot", 30, new Fec(0.2, true), List.of());

    @TempDir
    Path dir;

    private final ConfigLoader loader = new ConfigLoader();

    @Test
    void shouldUseTheDefaultsWhenNothingIsGiven() {
        assertEquals(DEFAULTS, loader.load(DEFAULTS, null, Map.of()));
    }

    @Test
    void shouldLayerTheFileOverTheDefaultsAndTheFlagsOverTheFile() throws IOException {
        final Path file = Files.writeString(dir.resolve("robot.yaml"), """
            fps: 15
            fec:
              redundancy: 0.4
            peers: [a, b]
            """);
        final Map<String, Object> flags = new HashMap<>();
        flags.put("fps", 10);
        flags.put("name", null);

        final Sample config = loader.load(DEFAULTS, file, flags);

        assertEquals(new Sample("robot", 10, new Fec(0.4, true), List.of("a", "b")), config);
    }

    @Test
    void shouldOverrideNestedSettingsByDottedKey() {
        assertEquals(0.5, loader.load(DEFAULTS, null, Map.of("fec.redundancy", 0.5)).fec().redundancy());
    }

    @Test
    void shouldNameUnknownSettingsAndListTheKnownOnes() throws IOException {
        final Path file = Files.writeString(dir.resolve("robot.yaml"), "fsp: 15\n");

        final ConfigException refused = assertThrows(ConfigException.class, () -> loader.load(DEFAULTS, file,
            Map.of()));

        assertTrue(refused.getMessage().startsWith(file + ": unknown setting 'fsp'"), refused.getMessage());
        assertTrue(refused.getMessage().contains("fps"), refused.getMessage());
    }

    @Test
    void shouldReportTheRecordsOwnValidation() {
        final ConfigException refused = assertThrows(ConfigException.class,
            () -> loader.load(DEFAULTS, null, Map.of("fps", 0)));

        assertEquals("command line: fps must be 1..240, got 0", refused.getMessage());
    }

    @Test
    void shouldNameSettingsOfTheWrongType() throws IOException {
        final Path file = Files.writeString(dir.resolve("robot.yaml"), "fec:\n  redundancy: lots\n");

        final ConfigException refused = assertThrows(ConfigException.class, () -> loader.load(DEFAULTS, file,
            Map.of()));

        assertTrue(refused.getMessage().contains("'fec.redundancy'"), refused.getMessage());
    }

    @Test
    void shouldRefuseFilesThatAreNotAMappingOrUnreadable() throws IOException {
        final Path list = Files.writeString(dir.resolve("list.yaml"), "- a\n- b\n");

        assertTrue(assertThrows(ConfigException.class, () -> loader.load(DEFAULTS, list, Map.of())).getMessage()
            .contains("mapping"));
        assertTrue(assertThrows(ConfigException.class,
            () -> loader.load(DEFAULTS, dir.resolve("missing.yaml"), Map.of())).getMessage().contains("missing.yaml"));
    }

    @Test
    void shouldTreatAnEmptyFileAsNoSettings() throws IOException {
        final Path empty = Files.writeString(dir.resolve("empty.yaml"), "# nothing yet\n");

        assertEquals(DEFAULTS, loader.load(DEFAULTS, empty, Map.of()));
    }
}

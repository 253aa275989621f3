package io.saccade.coordinator.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.saccade.protocol.message.Action;
import io.saccade.runtime.config.ConfigException;
import io.saccade.runtime.config.ConfigLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyFileTest {
    @TempDir
    Path directory;

    @Test
    void shouldShipAPolicyFileThatIsTheBuiltInPolicy() {
        assertEquals(Policy.DEFAULTS, load(Path.of("../etc/policy.yaml")));
    }

    @Test
    void shouldLoadAMinimalPolicyWithDefaultsForTheOptionalRuleFields() throws IOException {
        final Policy policy = load(write("""
            required: []
            rules:
              - name: cat
                classes: [Cat]
                action: STOP
                priority: 1
            """));

        assertEquals(1, policy.rules().size());
        assertEquals(0f, policy.rules().getFirst().minScore());
        assertEquals(Action.GO, policy.defaultAction());
        assertTrue(policy.required().isEmpty());
    }

    @Test
    void shouldDefaultARequiredModelsBoundsFromThePolicy() throws IOException {
        final Policy policy = load(write("""
            staleAfterMillis: 2000
            required:
              - model: ssd
            """));

        assertEquals(new Policy.RequiredModel("ssd", 2_000L, 2_000L), policy.requirement("ssd"));
        assertEquals(2_000, policy.staleAfterMillis("ssd"));
    }

    @Test
    void shouldNameTheProblemInABadFile() throws IOException {
        assertMessage("unknown setting 'rules.[0].colour'", """
            rules:
              - {name: a, classes: [Cat], action: STOP, priority: 1, colour: red}
            """);
        assertMessage("rule a: minScore must be 0..1", """
            rules:
              - {name: a, classes: [Cat], action: STOP, priority: 1, minScore: 2}
            """);
        assertMessage("rule a: classes must list at least one class", """
            rules:
              - {name: a, classes: [], action: STOP, priority: 1}
            """);
        assertMessage("two rules are named 'a'", """
            rules:
              - {name: a, classes: [Cat], action: STOP, priority: 1}
              - {name: a, classes: [Dog], action: SLOW, priority: 2}
            """);
        assertMessage("box edges are crossed", """
            rules:
              - {name: a, classes: [Cat], action: STOP, priority: 1, zone: {x0: 0.5, y0: 0, x1: 0.2, y1: 1}}
            """);
        assertMessage("staleAfterMillis <= failSafeAfterMillis", """
            required:
              - {model: ssd, staleAfterMillis: 900, failSafeAfterMillis: 100}
            """);
        assertMessage("'defaultAction' cannot be FAST", "defaultAction: FAST\n");
    }

    private void assertMessage(final String expected, final String yaml) throws IOException {
        final Path file = write(yaml);
        final ConfigException thrown = assertThrows(ConfigException.class, () -> load(file));
        assertTrue(thrown.getMessage().contains(expected), thrown.getMessage());
    }

    private Path write(final String yaml) throws IOException {
        return Files.writeString(Files.createTempFile(directory, "policy", ".yaml"), yaml);
    }

    private static Policy load(final Path file) {
        return new ConfigLoader().load(Policy.DEFAULTS, file, Map.of());
    }
}

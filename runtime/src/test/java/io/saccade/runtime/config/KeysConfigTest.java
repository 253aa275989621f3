package io.saccade.runtime.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.saccade.protocol.auth.KeyRing;
import io.saccade.protocol.auth.KeyRole;
import io.saccade.protocol.auth.MacKey;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeysConfigTest {
    @TempDir
    Path dir;

    @Test
    void shouldLoadTheRingsOfTheHeldRolesWithTheAcceptedKeyWhileRolling() throws IOException {
        final String robot = key("robot-1.key");
        final String next = key("robot-7.key");
        final KeysConfig keys = new KeysConfig(new KeysConfig.Ring(robot, 1, next, 7), KeysConfig.Ring.NONE, 10_000);

        final Map<KeyRole, KeyRing> rings = keys.load();

        assertEquals(List.of(KeyRole.ROBOT), List.copyOf(rings.keySet()), "no cluster key held");
        assertEquals(1, rings.get(KeyRole.ROBOT).signing().id());
        assertTrue(rings.get(KeyRole.ROBOT).contains(7));
    }

    @Test
    void shouldRefuseAKeyIdUsedTwiceAcrossRolesNamingBothSettings() throws IOException {
        final IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
            () -> new KeysConfig(KeysConfig.Ring.of(key("a.key"), 1), new KeysConfig.Ring(key("b.key"), 2,
                key("c.key"), 1), 10_000));

        assertEquals("keys.cluster.acceptId 1 is also keys.robot.id: every key needs an id of its own",
            refused.getMessage());
    }

    @Test
    void shouldSayWhatToDoWhenAKeyFileIsMissing() {
        final KeysConfig keys = new KeysConfig(KeysConfig.Ring.NONE, KeysConfig.Ring.of(dir.resolve("none.key")
            .toString(), 2), 10_000);

        final ConfigException refused = assertThrows(ConfigException.class, keys::load);

        assertTrue(refused.getMessage().startsWith("keys.cluster: key file "), refused.getMessage());
        assertTrue(refused.getMessage().contains("./saccade keygen"), refused.getMessage());
    }

    private String key(final String name) throws IOException {
        final Path file = dir.resolve(name);
        MacKey.generate(file);
        return file.toString();
    }
}

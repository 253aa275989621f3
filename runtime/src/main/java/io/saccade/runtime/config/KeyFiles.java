package io.saccade.runtime.config;

import io.saccade.protocol.auth.KeyRing;
import io.saccade.protocol.auth.MacKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Loads the MAC keys a service is configured with, turning every problem into a start-up error that says what to do.
 * */
public final class KeyFiles {
    private KeyFiles() {
    }

    /**
     * @param file  the configured key file.
     * @param keyId the configured key id.
     * @return the key.
     * @throws ConfigException when the file is missing, unreadable or not a key.
     */
    public static MacKey load(final String file, final int keyId) {
        final Path path = Path.of(file);
        if (!Files.exists(path)) {
            throw new ConfigException("key file " + path.toAbsolutePath() + " does not exist; create one with "
                + "./saccade keygen " + file + " and give every party of its role the same file");
        }
        try {
            return MacKey.load(keyId, path);
        } catch (final IOException | IllegalArgumentException ex) {
            throw new ConfigException("key file: " + ex.getMessage(), ex);
        }
    }

    /**
     * @param ring    the configured keys of one role; held.
     * @param setting its settings key, for messages.
     * @return the ring.
     * @throws ConfigException when a file is missing, unreadable or not a key.
     */
    public static KeyRing ring(final KeysConfig.Ring ring, final String setting) {
        try {
            final MacKey signing = load(ring.file(), ring.id());
            return ring.acceptFile().isBlank() ? KeyRing.of(signing)
                : KeyRing.of(signing, load(ring.acceptFile(), ring.acceptId()));
        } catch (final ConfigException ex) {
            throw new ConfigException(setting + ": " + ex.getMessage(), ex);
        }
    }
}

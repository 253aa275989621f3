package io.saccade.runtime.config;

import io.saccade.protocol.auth.MacKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Loads the MAC key a service is configured with, turning every problem into a start-up error that says what to do. */
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
            throw new ConfigException("keyFile " + path.toAbsolutePath() + " does not exist; create one with "
                + "./saccade keygen " + file + " and give the robot and every node the same file");
        }
        try {
            return MacKey.load(keyId, path);
        } catch (final IOException | IllegalArgumentException ex) {
            throw new ConfigException("keyFile: " + ex.getMessage(), ex);
        }
    }
}

package io.saccade.accelerator.service;

import io.saccade.accelerator.assets.AssetException;
import io.saccade.accelerator.assets.AssetStore;
import io.saccade.accelerator.model.ModelCard;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Finds a model's files without fetching anything: files the build knows are checked against their SHA-256 in the
 * fetch step's cache; an operator's own files (absolute paths or a models directory) are taken as they are.
 */
public final class ModelFiles {
    private final AssetStore cache;
    private final Path directory;

    /**
     * @param cache     the fetch step's cache.
     * @param directory an operator's models directory, or {@code null} to use the cache.
     */
    public ModelFiles(final AssetStore cache, final Path directory) {
        this.cache = cache;
        this.directory = directory;
    }

    /**
     * @param card a model.
     * @return its model file.
     * @throws AcceleratorStartException naming the file and what to do when it is missing or corrupt.
     */
    Path modelFile(final ModelCard card) {
        return resolve(card.file());
    }

    /**
     * @param card a model.
     * @return its class names.
     * @throws AcceleratorStartException when its labels file is missing or unreadable.
     */
    List<String> labels(final ModelCard card) {
        if (card.labelsFile() == null) {
            return card.labels();
        }
        final Path file = resolve(card.labelsFile());
        try {
            return Files.readAllLines(file);
        } catch (final IOException ex) {
            throw new AcceleratorStartException("cannot read labels " + file + ": " + ex.getMessage(), ex);
        }
    }

    private Path resolve(final String name) {
        final Path given = Path.of(name);
        if (given.isAbsolute() || directory != null) {
            final Path file = given.isAbsolute() ? given : directory.resolve(name);
            if (!Files.isRegularFile(file)) {
                throw new AcceleratorStartException("model file " + file + " is missing", null);
            }
            return file;
        }
        try {
            return cache.cachedModel(name);
        } catch (final AssetException ex) {
            throw new AcceleratorStartException(ex.getMessage(), ex);
        }
    }
}

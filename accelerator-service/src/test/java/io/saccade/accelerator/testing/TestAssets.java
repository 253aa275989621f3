package io.saccade.accelerator.testing;

import io.saccade.accelerator.assets.AssetException;
import io.saccade.accelerator.assets.AssetManifest;
import io.saccade.accelerator.assets.AssetStore;
import io.saccade.accelerator.model.ModelCard;
import io.saccade.accelerator.model.ModelCatalog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Models and sample images through the project's own fetch step (cached; fetched on first use). */
public final class TestAssets {
    private static final AssetStore STORE = new AssetStore(AssetStore.defaultRoot(System.getenv()),
        AssetManifest.bundled());
    /** The bundled catalog. */
    public static final ModelCatalog CATALOG = ModelCatalog.load(null);

    private TestAssets() {
    }

    /**
     * @param name a sample's name in the manifest.
     * @return its verified file.
     */
    public static Path sample(final String name) {
        try {
            return STORE.sample(name);
        } catch (final AssetException ex) {
            throw new IllegalStateException("cannot fetch sample " + name + " (./saccade samples)", ex);
        }
    }

    /**
     * @param card a model.
     * @return its verified file.
     */
    public static Path modelFile(final ModelCard card) {
        try {
            return STORE.model(card.file());
        } catch (final AssetException ex) {
            throw new IllegalStateException("cannot fetch model " + card.file() + " (./saccade models)", ex);
        }
    }

    /**
     * @param card a model.
     * @return its class names.
     */
    public static List<String> labels(final ModelCard card) {
        if (card.labelsFile() == null) {
            return card.labels();
        }
        try {
            return Files.readAllLines(STORE.model(card.labelsFile()));
        } catch (final AssetException ex) {
            throw new IllegalStateException("cannot fetch labels " + card.labelsFile(), ex);
        } catch (final IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}

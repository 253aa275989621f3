package io.saccade.k8s;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/** The manifests in {@code k8s-arm/deploy}, read the way tests need them. */
final class DeployFiles {
    /** The kustomize base (tests run in the module's directory). */
    static final Path BASE = Path.of("deploy", "base");
    /** The overlays. */
    static final Path OVERLAYS = Path.of("deploy", "overlays");

    private DeployFiles() {
    }

    /** @return the base's resource files, in the order its kustomization lists them. */
    @SuppressWarnings("unchecked")
    static List<Path> baseResources() {
        final Map<String, Object> kustomization = (Map<String, Object>)yaml(BASE.resolve("kustomization.yaml"));
        final List<Path> files = new ArrayList<>();
        for (final Object name : (List<Object>)kustomization.get("resources")) {
            files.add(BASE.resolve(name.toString()));
        }
        return files;
    }

    /** @return every base resource file, concatenated as one multi-document stream. */
    static String baseAsOneStream() {
        final StringBuilder all = new StringBuilder();
        for (final Path file : baseResources()) {
            all.append(read(file)).append("\n---\n");
        }
        return all.toString();
    }

    static Object yaml(final Path file) {
        return new Load(LoadSettings.builder().build()).loadFromString(read(file));
    }

    static String read(final Path file) {
        try {
            return Files.readString(file);
        } catch (final IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}

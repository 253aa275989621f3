package io.saccade.runtime.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command lines the Kubernetes manifests give a service's container, so that the service's own tests can parse
 * them with its real command-line parser: a flag the manifest passes and the service does not know fails there, not
 * in a pod.
 */
public final class ManifestArgs {
    private ManifestArgs() {
    }

    /**
     * @param manifest a file under {@code k8s-arm/deploy/base}, e.g. {@code preprocess.yaml}.
     * @return the args of the first container of every workload in it.
     * @throws IOException when it cannot be read.
     */
    public static List<String[]> of(final String manifest) throws IOException {
        final Path file = BrokerFiles.root().resolve("k8s-arm/deploy/base").resolve(manifest);
        final List<String[]> commands = new ArrayList<>();
        try (MappingIterator<JsonNode> documents = new YAMLMapper().readerFor(JsonNode.class).readValues(
            file.toFile())) {
            while (documents.hasNext()) {
                final JsonNode args = documents.next().at("/spec/template/spec/containers/0/args");
                if (args.isArray()) {
                    final List<String> command = new ArrayList<>();
                    args.forEach(arg -> command.add(arg.asText()));
                    commands.add(command.toArray(String[]::new));
                }
            }
        }
        if (commands.isEmpty()) {
            throw new IllegalStateException(file + " has no workload with container args");
        }
        return commands;
    }
}

package io.saccade.runtime.config;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Builds a service's configuration record from three layers, later ones winning: the record's defaults, an
 * optional YAML file, and flags given on the command line. The merged tree is bound strictly (unknown keys are
 * errors that list the known ones) and the record's constructor validates it; every failure becomes a
 * {@link ConfigException} naming the file and the key.
 */
public final class ConfigLoader {
    private final ObjectMapper mapper = YAMLMapper.builder()
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
        .build();

    /**
     * @param defaults  the record with every default, which runs the local demo unchanged.
     * @param file      a YAML file, or {@code null} for none.
     * @param overrides flag values by dotted key (e.g. {@code fec.redundancy}); {@code null} values are ignored.
     * @param <T>       the record type.
     * @return the validated configuration.
     * @throws ConfigException naming what is wrong.
     */
    @SuppressWarnings("unchecked")
    public <T extends Record> T load(final T defaults, final Path file, final Map<String, ?> overrides) {
        final ObjectNode tree = mapper.valueToTree(defaults);
        final String source = file == null ? "command line" : file.toString();
        if (file != null) {
            merge(tree, readFile(file), "");
        }
        overrides.forEach((key, value) -> {
            if (value != null) {
                put(tree, key, mapper.valueToTree(value));
            }
        });
        try {
            return (T)mapper.treeToValue(tree, defaults.getClass());
        } catch (final UnrecognizedPropertyException ex) {
            throw new ConfigException(source + ": unknown setting '" + path(ex) + "'; known settings here: "
                + ex.getKnownPropertyIds().stream().map(String::valueOf).sorted().collect(Collectors.joining(", ")));
        } catch (final ValueInstantiationException ex) {
            final Throwable cause = ex.getCause() == null ? ex : ex.getCause();
            throw new ConfigException(source + ": " + cause.getMessage(), cause);
        } catch (final InvalidFormatException ex) {
            throw new ConfigException(source + ": setting '" + path(ex) + "' cannot be " + ex.getValue()
                + " (expected " + ex.getTargetType().getSimpleName() + ")");
        } catch (final MismatchedInputException ex) {
            throw new ConfigException(source + ": setting '" + path(ex) + "' has the wrong type");
        } catch (final IOException ex) {
            throw new ConfigException(source + ": " + ex.getMessage(), ex);
        }
    }

    private JsonNode readFile(final Path file) {
        try {
            final JsonNode node = mapper.readTree(Files.readString(file));
            if (node == null || node.isMissingNode() || node.isNull()) {
                return mapper.createObjectNode();
            }
            if (!node.isObject()) {
                throw new ConfigException(file + ": expected a mapping of settings at the top level");
            }
            return node;
        } catch (final IOException ex) {
            throw new ConfigException("cannot read configuration " + file + ": " + ex.getMessage(), ex);
        }
    }

    private static void merge(final ObjectNode target, final JsonNode layer, final String prefix) {
        layer.properties().forEach(entry -> {
            final JsonNode existing = target.get(entry.getKey());
            if (existing instanceof ObjectNode object && entry.getValue().isObject()) {
                merge(object, entry.getValue(), prefix + entry.getKey() + ".");
            } else {
                target.set(entry.getKey(), entry.getValue());
            }
        });
    }

    private static void put(final ObjectNode tree, final String dottedKey, final JsonNode value) {
        final String[] parts = dottedKey.split("\\.");
        ObjectNode node = tree;
        for (int i = 0; i < parts.length - 1; i++) {
            node = node.get(parts[i]) instanceof ObjectNode child ? child : node.putObject(parts[i]);
        }
        node.set(parts[parts.length - 1], value);
    }

    private static String path(final MismatchedInputException ex) {
        return ex.getPath().stream().map(reference -> reference.getFieldName() == null
            ? "[" + reference.getIndex() + "]" : reference.getFieldName()).collect(Collectors.joining("."));
    }
}

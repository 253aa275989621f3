package io.saccade.accelerator.model;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.FromStringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.saccade.protocol.tensor.InputSpec;
import io.saccade.runtime.config.ConfigException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * The detectors this build knows ({@code models.yaml} on the class path), optionally extended or overridden by an
 * operator's file of the same shape. Entries are keyed by model id.
 */
public final class ModelCatalog {
    private static final String BUNDLED = "models.yaml";
    private static final TypeReference<Map<String, Map<String, Object>>> ENTRIES = new TypeReference<>() {
    };

    private final Map<String, ModelCard> cards;

    private ModelCatalog(final Map<String, ModelCard> cards) {
        this.cards = Map.copyOf(cards);
    }

    /**
     * @param extra an operator's catalog file, or {@code null}.
     * @return the bundled catalog with the extra file's entries added or replacing bundled ones.
     * @throws ConfigException naming the file and entry that is wrong.
     */
    public static ModelCatalog load(final Path extra) {
        final Map<String, ModelCard> cards = new LinkedHashMap<>();
        try (InputStream bundled = ModelCatalog.class.getResourceAsStream(BUNDLED)) {
            if (bundled == null) {
                throw new IllegalStateException(BUNDLED + " is missing from the class path");
            }
            read(bundled.readAllBytes(), BUNDLED, cards);
            if (extra != null) {
                read(Files.readAllBytes(extra), extra.toString(), cards);
            }
        } catch (final IOException ex) {
            throw new ConfigException("cannot read model catalog " + (extra != null ? extra : BUNDLED) + ": "
                + ex.getMessage(), ex);
        }
        return new ModelCatalog(cards);
    }

    /**
     * @param id a model id.
     * @return its card.
     * @throws ConfigException listing the known ids when there is none.
     */
    public ModelCard get(final String id) {
        final ModelCard card = cards.get(id);
        if (card == null) {
            throw new ConfigException("unknown model '" + id + "'; the catalog has " + new TreeSet<>(cards.keySet()));
        }
        return card;
    }

    /** @return every card by id. */
    public Map<String, ModelCard> cards() {
        return cards;
    }

    private static void read(final byte[] yaml, final String source, final Map<String, ModelCard> cards)
        throws IOException {
        final ObjectMapper mapper = mapper();
        final Map<String, Map<String, Object>> entries = mapper.readValue(yaml, ENTRIES);
        if (entries == null) {
            return;
        }
        for (final Map.Entry<String, Map<String, Object>> entry : entries.entrySet()) {
            final Map<String, Object> fields = new LinkedHashMap<>(entry.getValue());
            fields.put("id", entry.getKey());
            try {
                cards.put(entry.getKey(), mapper.convertValue(fields, ModelCard.class));
            } catch (final IllegalArgumentException ex) {
                final Throwable cause = ex.getCause() != null && ex.getCause().getCause() != null
                    ? ex.getCause().getCause() : ex;
                throw new ConfigException(source + ": model '" + entry.getKey() + "': " + cause.getMessage(), ex);
            }
        }
    }

    private static ObjectMapper mapper() {
        final SimpleModule specs = new SimpleModule("input-spec")
            .addSerializer(InputSpec.class, ToStringSerializer.instance)
            .addDeserializer(InputSpec.class, new FromStringDeserializer<>(InputSpec.class) {
                @Override
                protected InputSpec _deserialize(final String value, final DeserializationContext context) {
                    return InputSpec.parse(value);
                }
            });
        return YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            .addModule(specs)
            .build();
    }
}

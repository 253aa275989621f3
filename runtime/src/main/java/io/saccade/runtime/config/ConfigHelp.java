package io.saccade.runtime.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/**
 * Lets a command's help show the defaults its settings record really has, so no default is written twice: the
 * record's {@code DEFAULTS} become a resource bundle of {@code default.<dotted.key>} entries, and an option's
 * description says {@code (default ${bundle:default.ingress.bind})}. Install it with
 * {@code new CommandLine(main).setResourceBundle(ConfigHelp.defaults(XConfig.DEFAULTS))}.
 */
public final class ConfigHelp {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ConfigHelp() {
    }

    /**
     * @param defaults a settings record.
     * @return its values by {@code default.<dotted key>}; lists joined by {@code ", "}, empty values as {@code none}.
     */
    public static ResourceBundle defaults(final Record defaults) {
        final Map<String, String> values = new TreeMap<>();
        flatten(JSON.valueToTree(defaults), "default", values);
        return new ResourceBundle() {
            @Override
            protected Object handleGetObject(final String key) {
                return values.get(key);
            }

            @Override
            public Enumeration<String> getKeys() {
                return Collections.enumeration(values.keySet());
            }
        };
    }

    private static void flatten(final JsonNode node, final String key, final Map<String, String> into) {
        if (node.isObject()) {
            node.properties().forEach(entry -> flatten(entry.getValue(), key + "." + entry.getKey(), into));
        } else if (node.isArray()) {
            into.put(key, StreamSupport.stream(node.spliterator(), false).map(ConfigHelp::text)
                .collect(Collectors.joining(", ")));
        } else {
            into.put(key, text(node));
        }
    }

    private static String text(final JsonNode value) {
        final String text = value.isValueNode() ? value.asText() : value.toString();
        return text.isEmpty() ? "none" : text;
    }
}

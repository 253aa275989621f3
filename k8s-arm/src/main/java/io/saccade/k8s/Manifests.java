package io.saccade.k8s;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * Reads Kubernetes manifests (YAML, one or more documents) into fabric8's typed model, strictly: a kind the model
 * does not know, or a field a resource of that kind does not have (a typo such as {@code readinesProbe}, or a field
 * at the wrong level), is an error naming the document and the field's path. fabric8's model keeps unknown fields
 * in {@code additionalProperties} instead of failing, so every object of the model is walked and those maps must be
 * empty. Stateless; thread-safe.
 */
public final class Manifests {
    private static final String MODEL_PACKAGE = "io.fabric8.kubernetes.api.model";

    private final KubernetesSerialization serialization = new KubernetesSerialization();

    /**
     * @param yaml   the manifests.
     * @param source where they came from, for messages.
     * @return the resources, in document order (empty documents skipped).
     * @throws InvalidManifestException naming the document and what is wrong.
     */
    public List<HasMetadata> parse(final String yaml, final String source) throws InvalidManifestException {
        final List<HasMetadata> resources = new ArrayList<>();
        int document = 0;
        try {
            for (final Object doc : new Load(LoadSettings.builder().build()).loadAllFromString(yaml)) {
                document++;
                if (doc == null) {
                    continue;
                }
                final String where = source + ", document " + document;
                if (!(doc instanceof Map<?, ?> map) || !(map.get("apiVersion") instanceof String)
                    || !(map.get("kind") instanceof String)) {
                    throw new InvalidManifestException(where + ": not a Kubernetes resource (apiVersion and kind)");
                }
                resources.add(typed(map, where));
            }
        } catch (final YamlEngineException ex) {
            throw new InvalidManifestException(source + ", document " + (document + 1) + ": not YAML: "
                + ex.getMessage().lines().findFirst().orElse(""), ex);
        }
        return resources;
    }

    private HasMetadata typed(final Map<?, ?> map, final String where) throws InvalidManifestException {
        final KubernetesResource resource;
        try {
            resource = serialization.convertValue(map, KubernetesResource.class);
        } catch (final RuntimeException ex) {
            throw new InvalidManifestException(where + ": " + ex.getMessage().lines().findFirst().orElse(""), ex);
        }
        if (resource instanceof GenericKubernetesResource || !(resource instanceof HasMetadata typed)) {
            throw new InvalidManifestException(where + ": " + map.get("apiVersion") + " " + map.get("kind")
                + " is not a kind the Kubernetes model knows");
        }
        final String name = typed.getMetadata() == null ? null : typed.getMetadata().getName();
        if (name == null || name.isBlank()) {
            throw new InvalidManifestException(where + ": " + typed.getKind() + " without metadata.name");
        }
        final List<String> unknown = new ArrayList<>();
        unknownFields(typed, typed.getKind() + " " + name, unknown);
        if (!unknown.isEmpty()) {
            throw new InvalidManifestException(where + ": unknown fields " + String.join(", ", unknown));
        }
        return typed;
    }

    /** Walks the model object's getters, collecting the paths of fields the model did not recognise. */
    private static void unknownFields(final Object value, final String path, final List<String> unknown) {
        if (value instanceof Collection<?> items) {
            int i = 0;
            for (final Object item : items) {
                unknownFields(item, path + "[" + i++ + "]", unknown);
            }
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((key, item) -> unknownFields(item, path + "[" + key + "]", unknown));
            return;
        }
        if (value == null || !value.getClass().getPackageName().startsWith(MODEL_PACKAGE)) {
            return;
        }
        for (final Method getter : value.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers())
                || !getter.getName().startsWith("get") || "getClass".equals(getter.getName())) {
                continue;
            }
            final Object field;
            try {
                field = getter.invoke(value);
            } catch (final IllegalAccessException | InvocationTargetException ex) {
                continue;
            }
            if ("getAdditionalProperties".equals(getter.getName())) {
                if (field instanceof Map<?, ?> extra) {
                    extra.keySet().forEach(key -> unknown.add(path + "." + key));
                }
            } else {
                unknownFields(field, path + "." + fieldName(getter.getName()), unknown);
            }
        }
    }

    private static String fieldName(final String getter) {
        return getter.substring(3, 4).toLowerCase(Locale.ROOT) + getter.substring(4);
    }
}

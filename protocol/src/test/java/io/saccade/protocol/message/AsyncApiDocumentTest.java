package io.saccade.protocol.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.saccade.protocol.mqtt.SignedEnvelope;
import io.saccade.protocol.mqtt.TopicTree;
import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Keeps spec/asyncapi.yaml honest: every record and enum the messages use is described, field for field. */
class AsyncApiDocumentTest {
    private static JsonNode document;

    @BeforeAll
    static void read() throws IOException {
        document = new ObjectMapper(new YAMLFactory()).readTree(Path.of("spec", "asyncapi.yaml").toFile());
    }

    @Test
    void shouldDescribeEveryRecordFieldForFieldAsRequired() {
        for (final Class<?> type : typesReachableFromMessages()) {
            if (!type.isRecord()) {
                continue;
            }
            final JsonNode schema = schema(type);
            final Set<String> components = Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName)
                .collect(Collectors.toCollection(TreeSet::new));
            assertEquals(components, fieldNames(schema.get("properties")), type.getSimpleName() + " properties");
            assertEquals(components, textValues(schema.get("required")), type.getSimpleName() + " required");
            assertFalse(schema.get("additionalProperties").asBoolean(true), type.getSimpleName() + " is closed");
        }
    }

    @Test
    void shouldListEveryEnumConstant() {
        for (final Class<?> type : typesReachableFromMessages()) {
            if (type.isEnum()) {
                final Set<String> constants = Arrays.stream(type.getEnumConstants()).map(c -> ((Enum<?>)c).name())
                    .collect(Collectors.toCollection(TreeSet::new));
                assertEquals(constants, textValues(schema(type).get("enum")), type.getSimpleName());
            }
        }
    }

    @Test
    void shouldGiveEveryMessageTypeAMessageAndAChannel() {
        final Set<String> referenced = new HashSet<>();
        document.get("channels").forEach(channel -> channel.get("messages").forEach(
            message -> referenced.add(message.get("$ref").asText().replace("#/components/messages/", ""))));
        for (final Class<?> type : Message.class.getPermittedSubclasses()) {
            assertNotNull(document.at("/components/messages/" + type.getSimpleName()).get("payload"),
                type.getSimpleName());
            assertTrue(referenced.contains(type.getSimpleName()), type.getSimpleName() + " has no channel");
        }
    }

    @Test
    void shouldMarkExactlyTheMessagesThatTravelInSignedEnvelopes() {
        for (final Class<?> type : Message.class.getPermittedSubclasses()) {
            final JsonNode message = document.at("/components/messages/" + type.getSimpleName());
            final boolean signed = SignedEnvelope.CARRIES.contains(type);
            assertEquals(signed ? "envelope" : "none", message.get("x-saccade-signed").asText(), type.getSimpleName());
            assertEquals(signed, "application/vnd.saccade.signed-envelope".equals(message.path("contentType").asText()),
                type.getSimpleName());
        }
        assertEquals("datagram", document.at("/components/messages/SignedDecision/x-saccade-signed").asText());
    }

    @Test
    void shouldDescribeTheEnvelopeLayoutAsTheCodeWritesIt() {
        final JsonNode layout = document.at("/components/schemas/SignedEnvelope/x-saccade-layout");
        assertEquals(SignedEnvelope.MAGIC, layout.at("/magic/value").asInt());
        assertEquals(SignedEnvelope.VERSION, layout.at("/version/value").asInt());
        assertEquals(SignedEnvelope.FLAG_WILL, layout.at("/flags/value").asInt());
        assertEquals(SignedEnvelope.HEADER_LENGTH, layout.at("/sender/offset").asInt());
        assertEquals(List.of("magic", "version", "keyId", "flags", "senderLength", "counter", "session", "sender",
            "payload", "tag"), List.copyOf(fieldNamesInOrder(layout)));
    }

    @Test
    void shouldUseTheTopicTreesAddresses() {
        final TopicTree topics = new TopicTree("P");
        final Map<String, String> expected = Map.of(
            "results", topics.results(1, "M", "N").replace("/1/M/N", "/{streamId}/{model}/{node}"),
            "decisions", topics.decisions(1).replace("/1", "/{streamId}"),
            "signedDecisions", topics.signedDecisions(1).replace("/1/", "/{streamId}/"),
            "status", topics.status("N", "S").replace("/N/S", "/{node}/{service}"),
            "members", topics.member("X").replace("/X", "/{member}"),
            "leader", topics.leader(),
            "plans", topics.plan("M").replace("/M", "/{model}"),
            "ledgers", topics.ledgers(1).replace("/1", "/{streamId}"));
        expected.forEach((channel, address) -> assertEquals(address.replaceFirst("^P/", "{prefix}"),
            document.at("/channels/" + channel + "/address").asText(), channel));
        assertEquals(expected.keySet(), fieldNames(document.get("channels")));
    }

    private static JsonNode schema(final Class<?> type) {
        final JsonNode schema = document.at("/components/schemas/" + type.getSimpleName());
        assertFalse(schema.isMissingNode(), "asyncapi.yaml has no schema for " + type.getSimpleName());
        return schema;
    }

    private static Set<Class<?>> typesReachableFromMessages() {
        final Set<Class<?>> seen = new HashSet<>();
        final Deque<Class<?>> pending = new ArrayDeque<>(List.of(Message.class.getPermittedSubclasses()));
        while (!pending.isEmpty()) {
            final Class<?> type = pending.pop();
            if (!seen.add(type) || !type.isRecord()) {
                continue;
            }
            for (final RecordComponent component : type.getRecordComponents()) {
                final Class<?> target = elementType(component.getGenericType());
                if (target.isRecord() || target.isEnum()) {
                    pending.push(target);
                }
            }
        }
        return seen;
    }

    private static Class<?> elementType(final Type type) {
        if (type instanceof ParameterizedType list) {
            return (Class<?>)list.getActualTypeArguments()[0];
        }
        return (Class<?>)type;
    }

    private static List<String> fieldNamesInOrder(final JsonNode object) {
        final List<String> names = new java.util.ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static Set<String> fieldNames(final JsonNode object) {
        final Set<String> names = new TreeSet<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static Set<String> textValues(final JsonNode array) {
        final Set<String> values = new TreeSet<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }
}

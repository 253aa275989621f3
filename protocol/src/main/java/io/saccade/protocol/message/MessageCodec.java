package io.saccade.protocol.message;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

/**
 * JSON encoding of {@link Message}s, strict on the way in: the version is checked first, then every field must be
 * known, present, of the right type and in range. Anything else becomes an {@link InvalidMessageException} with a
 * {@link InvalidMessageException.Reason}, never a half-built message. Thread-safe.
 */
public final class MessageCodec {
    /** Largest payload accepted; results and decisions are a few KB. */
    public static final int MAX_PAYLOAD_BYTES = 256 * 1024;

    private static final Map<Class<? extends Message>, Integer> VERSIONS = Map.of(
        InferenceResult.class, InferenceResult.VERSION,
        Decision.class, Decision.VERSION,
        ServiceStatus.class, ServiceStatus.VERSION,
        MemberHeartbeat.class, MemberHeartbeat.VERSION,
        LeaderAnnouncement.class, LeaderAnnouncement.VERSION,
        WorkPlan.class, WorkPlan.VERSION,
        LatencyLedger.class, LatencyLedger.VERSION);

    private final ObjectMapper mapper = JsonMapper.builder()
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
        .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
        .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
        .build();
    /** One reader per message type, made once: decoding runs for every result and decision. */
    private final Map<Class<? extends Message>, ObjectReader> readers = readers(mapper);

    /**
     * @param message any message.
     * @return its JSON form, UTF-8.
     */
    public byte[] encode(final Message message) {
        try {
            return mapper.writeValueAsBytes(message);
        } catch (final IOException ex) {
            throw new UncheckedIOException("cannot encode " + message.getClass().getSimpleName(), ex);
        }
    }

    /**
     * @param payload JSON, UTF-8, from outside.
     * @param type    the message type the topic carries.
     * @param <T>     that type.
     * @return the message.
     * @throws InvalidMessageException when the payload is not a valid message of that type and version.
     */
    public <T extends Message> T decode(final byte[] payload, final Class<T> type) throws InvalidMessageException {
        return decode(payload, 0, payload.length, type);
    }

    /**
     * @param bytes  holding JSON, UTF-8, from outside (e.g. inside a signed envelope).
     * @param offset where the JSON starts.
     * @param length how long it is.
     * @param type   the message type the topic carries.
     * @param <T>    that type.
     * @return the message.
     * @throws InvalidMessageException when the bytes are not a valid message of that type and version.
     */
    public <T extends Message> T decode(final byte[] bytes, final int offset, final int length, final Class<T> type)
        throws InvalidMessageException {
        if (length > MAX_PAYLOAD_BYTES) {
            throw new InvalidMessageException(InvalidMessageException.Reason.TOO_LARGE, type.getSimpleName() + " of "
                + length + " bytes exceeds " + MAX_PAYLOAD_BYTES, null);
        }
        final JsonNode tree = parse(bytes, offset, length, type);
        checkVersion(tree, type);
        final ObjectReader reader = readers.get(type);
        try {
            return reader.readValue(tree);
        } catch (final UnrecognizedPropertyException ex) {
            throw invalid(InvalidMessageException.Reason.UNKNOWN_FIELD, type, "unknown field '"
                + ex.getPropertyName() + "'", ex);
        } catch (final ValueInstantiationException ex) {
            final Throwable cause = ex.getCause() == null ? ex : ex.getCause();
            throw invalid(InvalidMessageException.Reason.INVALID_VALUE, type, cause.getMessage(), ex);
        } catch (final IOException | IllegalArgumentException ex) {
            throw invalid(InvalidMessageException.Reason.INVALID_VALUE, type, firstLine(ex), ex);
        }
    }

    private JsonNode parse(final byte[] bytes, final int offset, final int length, final Class<?> type)
        throws InvalidMessageException {
        try {
            final JsonNode tree = mapper.readTree(bytes, offset, length);
            if (tree == null || !tree.isObject()) {
                throw invalid(InvalidMessageException.Reason.MALFORMED_JSON, type, "not a JSON object", null);
            }
            return tree;
        } catch (final IOException ex) {
            throw invalid(InvalidMessageException.Reason.MALFORMED_JSON, type, firstLine(ex), ex);
        }
    }

    private static void checkVersion(final JsonNode tree, final Class<?> type) throws InvalidMessageException {
        final JsonNode version = tree.get("version");
        final int supported = VERSIONS.get(type);
        if (version == null || !version.isInt() || version.intValue() != supported) {
            throw invalid(InvalidMessageException.Reason.UNSUPPORTED_VERSION, type, "version "
                + (version == null ? "missing" : version.toString()) + ", this build reads " + supported, null);
        }
    }

    private static InvalidMessageException invalid(final InvalidMessageException.Reason reason, final Class<?> type,
                                                   final String detail, final Throwable cause) {
        return new InvalidMessageException(reason, type.getSimpleName() + ": " + detail, cause);
    }

    private static String firstLine(final Exception ex) {
        final String message = String.valueOf(ex.getMessage());
        final int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    private static Map<Class<? extends Message>, ObjectReader> readers(final ObjectMapper mapper) {
        final Map<Class<? extends Message>, ObjectReader> readers = new HashMap<>();
        VERSIONS.keySet().forEach(type -> readers.put(type, mapper.readerFor(type)));
        return Map.copyOf(readers);
    }
}

package io.saccade.protocol.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.saccade.protocol.message.InvalidMessageException.Reason;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class MessageCodecTest {
    private static final String RESULT = "{\"version\":1,\"streamId\":7,\"frameSeq\":42,\"captureTimeNanos\":1000000,"
        + "\"model\":\"ssd\",\"node\":\"node-1\",\"device\":\"CPU\",\"timings\":{\"frameReadyAtNanos\":100,"
        + "\"slotWrittenAtNanos\":200,\"inferenceStartNanos\":300,\"inferenceEndNanos\":20300,"
        + "\"publishedAtNanos\":20400,\"robotClock\":{\"readyAfterCaptureMicros\":1500,\"uncertaintyMicros\":40,"
        + "\"sendDelayMicros\":900}},\"detections\":[{\"label\":\"Person\",\"classId\":1,\"score\":0.875,"
        + "\"box\":{\"x0\":0.25,\"y0\":0.5,\"x1\":0.75,\"y1\":1.0}}]}";
    private static final String DECISION = "{\"version\":1,\"streamId\":7,\"frameSeq\":43,"
        + "\"captureTimeNanos\":1033000,\"action\":\"SLOW\",\"reason\":\"Person in zone ahead\",\"labels\":[{"
        + "\"model\":\"ssd\",\"label\":\"Person\",\"score\":0.875,\"box\":{\"x0\":0.25,\"y0\":0.5,\"x1\":0.75,"
        + "\"y1\":1.0},\"sourceFrameSeq\":42,\"evidenceAgeMicros\":33000,\"change\":0.125,\"effective\":true}],"
        + "\"models\":[{\"model\":\"ssd\",\"freshness\":\"FRESH\",\"sourceFrameSeq\":42,\"ageMicros\":33000},"
        + "{\"model\":\"face\",\"freshness\":\"MISSING\",\"sourceFrameSeq\":0,\"ageMicros\":0}],"
        + "\"leader\":{\"leader\":\"coord-a\",\"epoch\":3},\"timings\":{\"frameReadyAtNanos\":5000,"
        + "\"decidedAtNanos\":5100}}";
    private static final String STATUS = "{\"version\":1,\"node\":\"node-1\",\"service\":\"accelerator-ssd\","
        + "\"role\":\"ACCELERATOR\",\"state\":\"READY\",\"model\":\"ssd\",\"device\":\"CPU\",\"loadMillis\":1500,"
        + "\"fps\":29.5,\"processed\":1000,\"skipped\":12,\"errors\":0,\"detail\":null,"
        + "\"sentAtMillis\":1700000000000}";
    private static final String HEARTBEAT = "{\"version\":1,\"member\":\"coord-a\",\"node\":\"node-1\","
        + "\"incarnation\":77,\"state\":\"ALIVE\",\"highestEpoch\":3,\"leaderEpoch\":3,\"eligible\":true,"
        + "\"sentAtMillis\":1700000000000}";
    private static final String LEADER = "{\"version\":1,\"leader\":{\"leader\":\"coord-a\",\"epoch\":3},"
        + "\"members\":[\"coord-a\",\"coord-b\"],\"electedAtMillis\":1700000000000}";
    private static final String PLAN = "{\"version\":1,\"model\":\"ssd\",\"leader\":{\"leader\":\"coord-a\","
        + "\"epoch\":3},\"nodes\":[\"node-1\",\"node-2\"],\"sentAtMillis\":1700000000000}";
    private static final String LEDGER = "{\"version\":1,\"streamId\":7,\"frameSeq\":42,\"hops\":[{\"hop\":"
        + "\"CAPTURE\",\"node\":\"7\",\"model\":null,\"atMicros\":0},{\"hop\":\"RECEIVE\",\"node\":\"node-1\","
        + "\"model\":null,\"atMicros\":1200},{\"hop\":\"INFERENCE_END\",\"node\":\"node-1\",\"model\":\"ssd\","
        + "\"atMicros\":21000}],"
        + "\"offsetUncertaintyMicros\":150}";

    private final MessageCodec codec = new MessageCodec();

    @Test
    void shouldEncodeTheGoldenJsonOfEveryType() {
        final List<String> golden = List.of(RESULT, DECISION, STATUS, HEARTBEAT, LEADER, PLAN, LEDGER);
        final List<Message> samples = SampleMessages.all();
        for (int i = 0; i < samples.size(); i++) {
            assertEquals(golden.get(i), new String(codec.encode(samples.get(i)), StandardCharsets.UTF_8));
        }
    }

    @Test
    void shouldDecodeTheGoldenJsonOfEveryType() throws InvalidMessageException {
        assertEquals(SampleMessages.result(), codec.decode(bytes(RESULT), InferenceResult.class));
        assertEquals(SampleMessages.decision(), codec.decode(bytes(DECISION), Decision.class));
        assertEquals(SampleMessages.status(), codec.decode(bytes(STATUS), ServiceStatus.class));
        assertEquals(SampleMessages.heartbeat(), codec.decode(bytes(HEARTBEAT), MemberHeartbeat.class));
        assertEquals(SampleMessages.leader(), codec.decode(bytes(LEADER), LeaderAnnouncement.class));
        assertEquals(SampleMessages.plan(), codec.decode(bytes(PLAN), WorkPlan.class));
        assertEquals(SampleMessages.ledger(), codec.decode(bytes(LEDGER), LatencyLedger.class));
    }

    @Test
    void shouldCoverEveryMessageType() {
        final Set<Class<?>> sampled = SampleMessages.all().stream().map(Object::getClass).collect(Collectors.toSet());

        assertEquals(Set.of(Message.class.getPermittedSubclasses()), sampled);
    }

    @Test
    void shouldRefuseVersionsItDoesNotRead() {
        assertReason(Reason.UNSUPPORTED_VERSION, RESULT.replace("\"version\":1", "\"version\":2"));
        assertReason(Reason.UNSUPPORTED_VERSION, RESULT.replace("\"version\":1,", ""));
        assertReason(Reason.UNSUPPORTED_VERSION, RESULT.replace("\"version\":1", "\"version\":\"1\""));
        assertReason(Reason.UNSUPPORTED_VERSION,
            RESULT.replace("\"version\":1", "\"version\":2,\"newField\":true"), "version is checked first");
    }

    @Test
    void shouldRefuseUnknownFields() {
        final InvalidMessageException refused = assertReason(Reason.UNKNOWN_FIELD,
            HEARTBEAT.replace("\"state\"", "\"mood\":\"happy\",\"state\""));

        assertTrue(refused.getMessage().contains("'mood'"), refused.getMessage());
    }

    @Test
    void shouldRefuseMissingOrNullFields() {
        assertReason(Reason.INVALID_VALUE, HEARTBEAT.replace("\"node\":\"node-1\",", ""));
        assertReason(Reason.INVALID_VALUE, HEARTBEAT.replace("\"incarnation\":77", "\"incarnation\":null"));
        assertReason(Reason.INVALID_VALUE, RESULT.replace("\"detections\":[", "\"detections\":[null,"));
        assertReason(Reason.INVALID_VALUE, DECISION.replace("\"reason\":\"Person in zone ahead\"", "\"reason\":null"));
    }

    @Test
    void shouldRefuseValuesOfTheWrongTypeOrRange() {
        assertReason(Reason.INVALID_VALUE, RESULT.replace("\"score\":0.875", "\"score\":1.5"));
        assertReason(Reason.INVALID_VALUE, RESULT.replace("\"frameSeq\":42", "\"frameSeq\":\"42\""));
        assertReason(Reason.INVALID_VALUE, RESULT.replace("\"classId\":1", "\"classId\":1.5"));
        assertReason(Reason.INVALID_VALUE, RESULT.replace("\"streamId\":7", "\"streamId\":4294967296"));
        assertReason(Reason.INVALID_VALUE, RESULT.replace("\"model\":\"ssd\"", "\"model\":\"ssd/#\""));
        assertReason(Reason.INVALID_VALUE, DECISION.replace("\"SLOW\"", "\"REVERSE\""));
        assertReason(Reason.INVALID_VALUE, DECISION.replace("\"SLOW\"", "1"));
        assertReason(Reason.INVALID_VALUE, RESULT.replace("\"x1\":0.75", "\"x1\":0.1"));
        assertReason(Reason.INVALID_VALUE, RESULT.replace("\"inferenceEndNanos\":20300", "\"inferenceEndNanos\":1"));
    }

    @Test
    void shouldRefuseStampsWhoseDifferencesOrSumsCouldOverflow() {
        assertReason(Reason.INVALID_VALUE, RESULT.replace("\"frameReadyAtNanos\":100",
            "\"frameReadyAtNanos\":" + Long.MIN_VALUE).replace("\"publishedAtNanos\":20400",
            "\"publishedAtNanos\":" + Long.MAX_VALUE));
        assertReason(Reason.INVALID_VALUE, RESULT.replace("\"publishedAtNanos\":20400",
            "\"publishedAtNanos\":3600000000101"));
        assertReason(Reason.INVALID_VALUE, RESULT.replace("\"readyAfterCaptureMicros\":1500",
            "\"readyAfterCaptureMicros\":" + Long.MAX_VALUE));
        assertReason(Reason.INVALID_VALUE, RESULT.replace("\"uncertaintyMicros\":40",
            "\"uncertaintyMicros\":3600000001"));
        assertReason(Reason.INVALID_VALUE, DECISION.replace("\"decidedAtNanos\":5100",
            "\"decidedAtNanos\":" + Long.MAX_VALUE).replace("\"frameReadyAtNanos\":5000",
            "\"frameReadyAtNanos\":" + Long.MIN_VALUE));
    }

    @Test
    void shouldDecodeAMessageInsideALargerBuffer() throws InvalidMessageException {
        final byte[] json = bytes(PLAN);
        final byte[] framed = new byte[json.length + 7];
        System.arraycopy(json, 0, framed, 3, json.length);

        assertEquals(SampleMessages.plan(), codec.decode(framed, 3, json.length, WorkPlan.class));
    }

    @Test
    void shouldRefuseMalformedPayloads() {
        assertReason(Reason.MALFORMED_JSON, "{\"version\":1,");
        assertReason(Reason.MALFORMED_JSON, "[1,2]");
        assertReason(Reason.MALFORMED_JSON, "");
        assertReason(Reason.MALFORMED_JSON, "\"text\"");
        assertReason(Reason.MALFORMED_JSON, HEARTBEAT + " {}");
        assertReason(Reason.MALFORMED_JSON, HEARTBEAT.replace("\"node\":\"node-1\"",
            "\"node\":\"node-1\",\"node\":\"x\""));
    }

    @Test
    void shouldRefuseOversizedPayloadsBeforeParsing() {
        final byte[] huge = new byte[MessageCodec.MAX_PAYLOAD_BYTES + 1];
        Arrays.fill(huge, (byte)' ');

        final InvalidMessageException refused = assertThrows(InvalidMessageException.class,
            () -> codec.decode(huge, Decision.class));

        assertEquals(Reason.TOO_LARGE, refused.reason());
    }

    @Test
    void shouldOnlyEverThrowItsOwnExceptionOnRandomAndDamagedInput() {
        final Random random = new Random(5);
        final List<byte[]> valid = List.of(bytes(RESULT), bytes(DECISION), bytes(STATUS), bytes(HEARTBEAT),
            bytes(LEADER), bytes(PLAN), bytes(LEDGER));
        final List<Class<? extends Message>> types = List.of(InferenceResult.class, Decision.class,
            ServiceStatus.class, MemberHeartbeat.class, LeaderAnnouncement.class, WorkPlan.class, LatencyLedger.class);
        int decoded = 0;
        for (int round = 0; round < 30_000; round++) {
            final int which = random.nextInt(valid.size());
            final byte[] payload = damage(valid.get(which), random);
            try {
                codec.decode(payload, types.get(which));
                decoded++;
            } catch (final InvalidMessageException expected) {
                assertTrue(expected.getMessage().startsWith(types.get(which).getSimpleName() + ": "));
            } catch (final RuntimeException other) {
                fail("decoding " + new String(payload, StandardCharsets.UTF_8) + " threw " + other, other);
            }
        }
        assertTrue(decoded > 0 && decoded < 30_000, "damage must exercise both outcomes, decoded " + decoded);
    }

    private static byte[] damage(final byte[] original, final Random random) {
        return switch (random.nextInt(3)) {
            case 0 -> Arrays.copyOf(original, random.nextInt(original.length + 1));
            case 1 -> {
                final byte[] copy = original.clone();
                for (int flips = 1 + random.nextInt(3); flips > 0; flips--) {
                    copy[random.nextInt(copy.length)] = (byte)(32 + random.nextInt(95));
                }
                yield copy;
            }
            default -> {
                final byte[] noise = new byte[random.nextInt(200)];
                random.nextBytes(noise);
                yield noise;
            }
        };
    }

    private InvalidMessageException assertReason(final Reason reason, final String json) {
        return assertReason(reason, json, "");
    }

    private InvalidMessageException assertReason(final Reason reason, final String json, final String why) {
        final Class<? extends Message> type = json.contains("\"member\"") ? MemberHeartbeat.class
            : json.contains("\"action\"") ? Decision.class : InferenceResult.class;
        final InvalidMessageException refused = assertThrows(InvalidMessageException.class,
            () -> codec.decode(bytes(json), type), json);
        assertEquals(reason, refused.reason(), refused.getMessage() + " " + why);
        return refused;
    }

    private static byte[] bytes(final String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }
}

package io.saccade.coordinator.merge;

import io.saccade.protocol.message.InferenceResult;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The newest result of each model for each stream. Results arrive on the MQTT client's thread, possibly out of
 * order when several nodes share a model; a result older than the one held is dropped. Readers on the decision
 * thread see immutable results, so nothing is locked.
 */
public final class ResultBoard {
    private final Map<Long, Map<String, InferenceResult>> streams = new ConcurrentHashMap<>();

    /**
     * @param result a result as it arrived.
     * @return whether it is now the newest of its model on its stream.
     */
    public boolean offer(final InferenceResult result) {
        final Map<String, InferenceResult> models = streams.computeIfAbsent(result.streamId(),
            stream -> new ConcurrentHashMap<>());
        return models.merge(result.model(), result, ResultBoard::newer) == result;
    }

    private static InferenceResult newer(final InferenceResult held, final InferenceResult offered) {
        return Long.compareUnsigned(offered.frameSeq(), held.frameSeq()) > 0 ? offered : held;
    }

    /**
     * @param streamId a stream.
     * @return the newest result of every model that has one for the stream.
     */
    public Collection<InferenceResult> newest(final long streamId) {
        final Map<String, InferenceResult> models = streams.get(streamId);
        return models == null ? List.of() : models.values();
    }

    /**
     * @param streamId a stream.
     * @param model    a model id.
     * @return its newest result, or {@code null}.
     */
    public InferenceResult newest(final long streamId, final String model) {
        final Map<String, InferenceResult> models = streams.get(streamId);
        return models == null ? null : models.get(model);
    }
}

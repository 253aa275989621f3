package io.saccade.accelerator.service;

import io.saccade.protocol.message.InferenceResult;

/** Where results go: the broker in the service, a list in tests. Must not block. */
@FunctionalInterface
public interface ResultSink {
    /**
     * @param result one frame's result.
     * @return whether it was sent (false: dropped, e.g. the broker is away).
     */
    boolean accept(InferenceResult result);
}

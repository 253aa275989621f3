package io.saccade.coordinator.deliver;

import io.saccade.protocol.message.Decision;

/** Where the decision thread hands each decision. */
@FunctionalInterface
public interface DecisionSink {
    /**
     * Delivers a decision; never blocks for long.
     *
     * @param decision the decision.
     */
    void deliver(Decision decision);
}

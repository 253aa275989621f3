package io.saccade.accelerator.service;

import io.saccade.protocol.message.EpochBound;
import io.saccade.protocol.message.WorkPlan;
import io.saccade.runtime.mqtt.MessageOpener;
import io.saccade.runtime.telemetry.EnumCounters;

/**
 * Turns the leader's signed work plans for this service's model into the {@link WorkShare} the inference agent
 * reads: a plan from an epoch beyond the clock's bound is refused, an older one than the share has is stale. Runs on
 * the MQTT client's thread, with plans the opener accepted (signed, fresh, on their topic).
 */
final class PlanFollower {
    private static final System.Logger LOG = System.getLogger(PlanFollower.class.getName());

    private final String service;
    private final String node;
    private final WorkShare share;
    private final EpochBound epochs;
    private final EnumCounters<InferenceEvent> events;

    /**
     * @param service this service's name, for the log.
     * @param node    this node's name in plans.
     * @param share   what the inference agent reads.
     * @param epochs  the bound on leaders' epochs.
     * @param events  where plans are counted.
     */
    PlanFollower(final String service, final String node, final WorkShare share, final EpochBound epochs,
                 final EnumCounters<InferenceEvent> events) {
        this.service = service;
        this.node = node;
        this.share = share;
        this.epochs = epochs;
        this.events = events;
    }

    void onPlan(final MessageOpener.Opened<WorkPlan> opened) {
        final WorkPlan plan = opened.message();
        if (!epochs.admits(plan.leader())) {
            events.increment(InferenceEvent.PLAN_FUTURE_EPOCH);
            return;
        }
        final boolean taken = share.offer(plan);
        events.increment(taken ? InferenceEvent.PLAN_APPLIED : InferenceEvent.PLAN_STALE);
        if (taken) {
            LOG.log(System.Logger.Level.INFO, "{0} follows the plan of {1} epoch {2}: {3}", service,
                plan.leader().leader(), plan.leader().epoch(), plan.nodes().contains(node)
                    ? "frames " + plan.nodes().indexOf(node) + " mod " + plan.nodes().size()
                    : "every frame (not in the plan)");
        }
    }
}

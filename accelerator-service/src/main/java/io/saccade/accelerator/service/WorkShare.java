package io.saccade.accelerator.service;

import io.saccade.protocol.message.LeaderStamp;
import io.saccade.protocol.message.WorkPlan;
import java.util.function.LongPredicate;

/**
 * This node's share of a model's frames, from the leader's work plan: with {@code n} nodes serving the model, the
 * node at index {@code i} of the plan runs the frames with {@code seq mod n == i}, so the nodes' throughput adds up.
 * With no plan, or a plan that does not list this node (it just started, or the plan is empty), the node runs every
 * frame: duplicate work is harmless, a frame nobody runs is not. Plans from a leadership older than the current
 * plan's are ignored. Plans arrive on the MQTT client's thread; the inference thread tests frames.
 */
public final class WorkShare implements LongPredicate {
    private final String node;
    private volatile WorkPlan plan;

    /**
     * @param node this node's name.
     */
    public WorkShare(final String node) {
        this.node = node;
    }

    /**
     * @param offered a plan for this node's model.
     * @return whether it was taken up.
     */
    public synchronized boolean offer(final WorkPlan offered) {
        final WorkPlan current = plan;
        final LeaderStamp held = current == null ? null : current.leader();
        if (held != null && offered.leader().compareTo(held) < 0) {
            return false;
        }
        plan = offered;
        return true;
    }

    @Override
    public boolean test(final long frameSeq) {
        final WorkPlan current = plan;
        return current == null || !current.nodes().contains(node) || current.assigns(node, frameSeq);
    }

}

package io.saccade.protocol.message;

import java.util.List;

/**
 * How the leader splits one model's frames between the nodes that pin it, so that their throughput adds up: the
 * node at index {@code i} of {@code nodes} infers the frames whose sequence number modulo {@code nodes.size()} is
 * {@code i}. Published retained; a plan from a lower epoch than one already seen is ignored.
 *
 * @param version      layout version, {@value #VERSION}.
 * @param model        model id.
 * @param leader       the leadership that made the plan.
 * @param nodes        nodes sharing the model, in plan order.
 * @param sentAtMillis wall-clock time of publishing, for display only.
 */
public record WorkPlan(int version, String model, LeaderStamp leader, List<String> nodes, long sentAtMillis)
    implements Message {
    /** The layout version this build writes and reads. */
    public static final int VERSION = 1;

    /** Validates the fields. */
    public WorkPlan {
        FieldRules.version(version, VERSION, "work plan");
        FieldRules.name(model, "model");
        FieldRules.present(leader, "leader");
        nodes = FieldRules.list(nodes, "nodes");
        nodes.forEach(node -> FieldRules.name(node, "node"));
    }

    /**
     * @param node     a node name.
     * @param frameSeq a frame sequence number.
     * @return whether the plan gives that frame to that node; a node outside the plan gets nothing.
     */
    public boolean assigns(final String node, final long frameSeq) {
        final int index = nodes.indexOf(node);
        return index >= 0 && Long.remainderUnsigned(frameSeq, nodes.size()) == index;
    }
}

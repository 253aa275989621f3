package io.saccade.coordinator.merge;

import io.saccade.protocol.message.ServiceRole;
import io.saccade.protocol.message.ServiceState;
import io.saccade.protocol.message.ServiceStatus;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Which nodes serve each model, from the accelerators' status messages, and the frame split that follows: the
 * nodes of a model sorted by name, node {@code i} of {@code n} taking the frames with {@code seq mod n == i}. A
 * service counts while it reports {@link ServiceState#READY} and keeps reporting; its OFFLINE Last Will, or
 * silence for longer than the stale bound, takes it out of the plan at once.
 * <p>
 * Thread-safe: statuses arrive on the MQTT client's thread, plans are read on the election timer.
 */
public final class WorkPlanner {
    private final long staleNanos;
    private final Map<Key, Long> ready = new HashMap<>();
    private final Map<String, List<String>> published = new HashMap<>();
    private final Map<String, List<String>> observed = new HashMap<>();

    private record Key(String model, String node, String service) {
    }

    /**
     * @param staleNanos how long a service counts without a status.
     */
    public WorkPlanner(final long staleNanos) {
        this.staleNanos = staleNanos;
    }

    /**
     * @param status   a service's status.
     * @param nowNanos monotonic time of arrival.
     */
    public synchronized void status(final ServiceStatus status, final long nowNanos) {
        if (status.role() != ServiceRole.ACCELERATOR || status.model() == null) {
            return;
        }
        final Key key = new Key(status.model(), status.node(), status.service());
        if (status.state() == ServiceState.READY) {
            ready.put(key, nowNanos);
        } else {
            ready.remove(key);
        }
    }

    /**
     * @param model    a model id.
     * @param node     a node name.
     * @param nowNanos monotonic time.
     * @return whether an accelerator of that model on that node is ready and has reported within the stale bound:
     *     whether the node is in the model's current plan.
     */
    public synchronized boolean serves(final String model, final String node, final long nowNanos) {
        for (final Map.Entry<Key, Long> entry : ready.entrySet()) {
            if (entry.getKey().model().equals(model) && entry.getKey().node().equals(node)
                && nowNanos - entry.getValue() <= staleNanos) {
                return true;
            }
        }
        return false;
    }

    /**
     * @param nowNanos monotonic time.
     * @return every model with a ready service and the nodes sharing it, in plan order.
     */
    public synchronized Map<String, List<String>> plans(final long nowNanos) {
        ready.values().removeIf(seen -> nowNanos - seen > staleNanos);
        final Map<String, TreeSet<String>> nodes = new TreeMap<>();
        ready.keySet().forEach(key -> nodes.computeIfAbsent(key.model(), model -> new TreeSet<>()).add(key.node()));
        final Map<String, List<String>> plans = new TreeMap<>();
        nodes.forEach((model, names) -> plans.put(model, List.copyOf(names)));
        return plans;
    }

    /**
     * The plans that differ from the ones last marked published: a model whose last node went away gets an empty
     * plan, which tells a late node to take every frame.
     *
     * @param nowNanos monotonic time.
     * @return changed plans by model.
     */
    public synchronized Map<String, List<String>> changes(final long nowNanos) {
        final Map<String, List<String>> current = plans(nowNanos);
        final Map<String, List<String>> changed = new TreeMap<>();
        current.forEach((model, nodes) -> {
            if (!Objects.equals(published.get(model), nodes)) {
                changed.put(model, nodes);
            }
        });
        // a model no longer planned is cleared where a plan for it was published or seen (changed is sorted)
        published.forEach((model, last) -> clearIfGone(model, last, current, changed));
        observed.forEach((model, last) -> {
            if (!published.containsKey(model)) {
                clearIfGone(model, last, current, changed);
            }
        });
        return changed;
    }

    private static void clearIfGone(final String model, final List<String> last,
                                    final Map<String, List<String>> current, final Map<String, List<String>> changed) {
        if (!current.containsKey(model) && !last.isEmpty()) {
            changed.put(model, List.of());
        }
    }

    /**
     * @param model the model.
     * @param nodes the plan that was published for it.
     */
    public synchronized void published(final String model, final List<String> nodes) {
        published.put(model, List.copyOf(nodes));
    }

    /**
     * A plan seen on the plans topic (retained ones included), whoever published it: a new leader clears the plans
     * of models nobody serves any more, even when an earlier leader published them.
     *
     * @param model the model.
     * @param nodes the plan's nodes.
     */
    public synchronized void observed(final String model, final List<String> nodes) {
        observed.put(model, List.copyOf(nodes));
    }

    /** Forgets what was published, so that a new leadership publishes every plan again under its own stamp. */
    public synchronized void forgetPublished() {
        published.clear();
    }
}

package io.saccade.k8s;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which model goes on which node: plain Java, no cluster needed (Kubernetes does not place models; it only follows
 * the labels this plan becomes). Every node offers slots: one per accelerator its {@value #ACCELERATORS} annotation
 * lists (e.g. {@code MYRIAD,MYRIAD}), plus one {@code CPU} slot unless the annotation lists CPU slots itself (a big
 * board may offer {@code CPU,CPU}); a model pinned to a node takes one slot of its device there. Every model is
 * placed on as many different nodes as it asks for, the scarcest models first, each on a node with a free slot of its
 * device, preferring the most free slots in all (then the fewest models, then the name, so plans are stable). Only
 * ready arm64 nodes take part.
 */
public final class Placement {
    /** Node annotation listing a node's accelerators, comma-separated device names; absent: one CPU slot. */
    public static final String ACCELERATORS = "saccade.io/accelerators";
    /** Node label prefix naming a model pinned to the node: {@code saccade.io/model.<model>=pinned}. */
    public static final String MODEL_LABEL_PREFIX = "saccade.io/model.";
    /** The value of a model label. */
    public static final String PINNED = "pinned";
    /** The architecture Saccade's images are built for. */
    public static final String ARM64 = "arm64";

    private Placement() {
    }

    /**
     * A node as placement sees it.
     *
     * @param name    node name.
     * @param arch    {@code kubernetes.io/arch}.
     * @param ready   whether its Ready condition is true.
     * @param devices one entry per slot, e.g. {@code [MYRIAD, MYRIAD]} or {@code [CPU]}.
     */
    public record NodeSlots(String name, String arch, boolean ready, List<String> devices) {
        /** Copies the devices. */
        public NodeSlots {
            devices = List.copyOf(devices);
        }

        /**
         * @param annotation the {@value #ACCELERATORS} annotation, or {@code null}.
         * @return the slots it lists, plus one CPU slot when it lists none.
         */
        public static List<String> devicesOf(final String annotation) {
            final List<String> devices = new ArrayList<>();
            if (annotation != null) {
                for (final String device : annotation.split(",")) {
                    if (!device.isBlank()) {
                        devices.add(device.strip().toUpperCase(Locale.ROOT));
                    }
                }
            }
            if (!devices.contains("CPU")) {
                devices.add("CPU");
            }
            return devices;
        }
    }

    /**
     * What a model needs.
     *
     * @param model  model id, as the accelerator service and its DaemonSet name it.
     * @param nodes  on how many different nodes it runs (frames are split between them).
     * @param device the device it runs on.
     */
    public record Demand(String model, int nodes, String device) {
        /** Validates. */
        public Demand {
            if (model == null || !model.matches("[a-z0-9]([-a-z0-9.]*[a-z0-9])?") || model.length() > 46) {
                throw new IllegalArgumentException("model id must be a DNS label of at most 46 characters (it "
                    + "names a DaemonSet and a node label), got '" + model + "'");
            }
            if (nodes < 1) {
                throw new IllegalArgumentException(model + ": must run on at least one node, got " + nodes);
            }
            device = device.toUpperCase(Locale.ROOT);
        }

        /**
         * @param text {@code model}, {@code model=nodes} or {@code model=nodes:device}.
         * @return the demand; one node on CPU unless said otherwise.
         */
        public static Demand parse(final String text) {
            final String[] modelRest = text.split("=", 2);
            if (modelRest.length == 1) {
                return new Demand(modelRest[0], 1, "CPU");
            }
            final String[] nodesDevice = modelRest[1].split(":", 2);
            try {
                return new Demand(modelRest[0], Integer.parseInt(nodesDevice[0]),
                    nodesDevice.length == 2 ? nodesDevice[1] : "CPU");
            } catch (final NumberFormatException ex) {
                throw new IllegalArgumentException("'" + text + "' is not MODEL[=NODES[:DEVICE]]", ex);
            }
        }
    }

    /**
     * @param nodes   the cluster's nodes.
     * @param demands the models.
     * @return per node taking part (every ready arm64 node, sorted by name), the models pinned to it.
     * @throws PlacementException when there is no ready arm64 node, or a model cannot get all its nodes.
     */
    public static Map<String, List<String>> plan(final List<NodeSlots> nodes, final List<Demand> demands)
        throws PlacementException {
        final Map<String, NodeSlots> usable = new TreeMap<>();
        for (final NodeSlots node : nodes) {
            if (ARM64.equals(node.arch()) && node.ready()) {
                usable.put(node.name(), node);
            }
        }
        if (usable.isEmpty()) {
            throw new PlacementException("no ready arm64 node among " + nodes.size() + " nodes ("
                + nodes.stream().map(node -> node.name() + ": " + node.arch() + (node.ready() ? "" : ", not ready"))
                .toList() + "); Saccade's images are built for arm64");
        }
        final Map<String, List<String>> plan = new LinkedHashMap<>();
        final Map<String, Map<String, Integer>> free = new HashMap<>();
        usable.forEach((name, node) -> {
            plan.put(name, new ArrayList<>());
            final Map<String, Integer> slots = new HashMap<>();
            node.devices().forEach(device -> slots.merge(device, 1, Integer::sum));
            free.put(name, slots);
        });
        final List<Demand> scarcestFirst = new ArrayList<>(demands);
        scarcestFirst.sort(Comparator.comparingLong((Demand demand) -> usable.values().stream()
            .filter(node -> node.devices().contains(demand.device())).count()).thenComparing(Demand::model));
        for (final Demand demand : scarcestFirst) {
            for (int replica = 0; replica < demand.nodes(); replica++) {
                final String best = usable.keySet().stream()
                    .filter(name -> free.get(name).getOrDefault(demand.device(), 0) > 0)
                    .filter(name -> !plan.get(name).contains(demand.model()))
                    .min(Comparator.comparingInt((String name) -> -totalFree(free.get(name)))
                        .thenComparingInt(name -> plan.get(name).size()).thenComparing(Comparator.naturalOrder()))
                    .orElse(null);
                if (best == null) {
                    throw new PlacementException(demand.model() + " needs " + demand.nodes() + " nodes with a free "
                        + demand.device() + " slot, found " + replica + " (" + describe(usable, plan)
                        + "); add " + ACCELERATORS + " annotations, nodes, or ask for fewer nodes");
                }
                plan.get(best).add(demand.model());
                free.get(best).merge(demand.device(), -1, Integer::sum);
            }
        }
        plan.values().forEach(models -> models.sort(Comparator.naturalOrder()));
        return plan;
    }

    private static int totalFree(final Map<String, Integer> slots) {
        return slots.values().stream().mapToInt(Integer::intValue).sum();
    }

    private static String describe(final Map<String, NodeSlots> usable, final Map<String, List<String>> plan) {
        final List<String> parts = new ArrayList<>();
        usable.forEach((name, node) -> parts.add(name + " " + node.devices() + " has " + plan.get(name)));
        return String.join("; ", parts);
    }
}

package io.saccade.k8s;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeAddress;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetStatus;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.saccade.protocol.DefaultPorts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;

/**
 * What {@code saccade-k8s} does to a cluster, through one fabric8 client: read the nodes, label them with the
 * models placed on them, apply manifests (filling in the preprocess peers from the nodes' addresses), wait for the
 * rollouts and report per node. A refusal by the API server (RBAC) becomes a {@link DeployException} saying what
 * was refused. One per command: the nodes are listed once. Not thread-safe.
 * <p>
 * Large because it renders every manifest the deployment needs from one plan, so the plan is read in one place.
 */
public final class Deployer {
    /** The ConfigMap whose {@code preprocess.yaml} gets the peers. */
    static final String CONFIG = "saccade-config";
    private static final String PREPROCESS = "preprocess.yaml";
    private static final int DEFAULT_INGRESS_PORT = DefaultPorts.FRAMES;

    private final KubernetesClient client;
    private final String namespace;
    /** The nodes as first listed: one command works on one view of them. */
    private List<Node> nodes;

    /**
     * @param client    the cluster.
     * @param namespace where Saccade runs.
     */
    public Deployer(final KubernetesClient client, final String namespace) {
        this.client = client;
        this.namespace = namespace;
    }

    /**
     * @return every node of the cluster as placement sees it.
     * @throws DeployException when the nodes cannot be read.
     */
    public List<Placement.NodeSlots> nodes() throws DeployException {
        final List<Placement.NodeSlots> slots = new ArrayList<>();
        for (final Node node : listNodes()) {
            final Map<String, String> labels = labelsOf(node);
            final Map<String, String> annotations = Objects.requireNonNullElse(node.getMetadata().getAnnotations(),
                Map.of());
            slots.add(new Placement.NodeSlots(node.getMetadata().getName(),
                labels.getOrDefault("kubernetes.io/arch", "unknown"), isReady(node),
                Placement.NodeSlots.devicesOf(annotations.get(Placement.ACCELERATORS))));
        }
        return slots;
    }

    /**
     * Pins the planned models to their nodes and unpins every other model label, on every node.
     *
     * @param plan per node, its models.
     * @return per node, the label changes made ({@code +model}, {@code -model}); nodes left alone are absent.
     * @throws DeployException when a node cannot be patched.
     */
    public Map<String, List<String>> label(final Map<String, List<String>> plan) throws DeployException {
        final Map<String, List<String>> changes = new LinkedHashMap<>();
        for (final Node node : listNodes()) {
            final String name = node.getMetadata().getName();
            final Map<String, String> labels = labelsOf(node);
            final List<String> wanted = plan.getOrDefault(name, List.of());
            final List<Map<String, Object>> patch = new ArrayList<>(); // JSON Patch: removals are explicit
            final List<String> changed = new ArrayList<>();
            if (node.getMetadata().getLabels() == null) {
                patch.add(Map.of("op", "add", "path", "/metadata/labels", "value", Map.of()));
            }
            pinnedModels(labels).stream().filter(model -> !wanted.contains(model)).forEach(model -> {
                    patch.add(Map.of("op", "remove", "path", labelPath(model)));
                    changed.add("-" + model);
                });
            for (final String model : wanted) {
                if (!Placement.PINNED.equals(labels.get(Placement.MODEL_LABEL_PREFIX + model))) {
                    patch.add(Map.of("op", "add", "path", labelPath(model), "value", Placement.PINNED));
                    changed.add("+" + model);
                }
            }
            if (!changed.isEmpty()) {
                final String json = client.getKubernetesSerialization().asJson(patch);
                call("label node " + name, () -> client.nodes().withName(name)
                    .patch(PatchContext.of(PatchType.JSON), json));
                changes.put(name, changed);
            }
        }
        return changes;
    }

    /**
     * Creates or updates every resource, in order, after filling the preprocess peers in.
     *
     * @param resources rendered manifests.
     * @param nodes     the nodes taking part; their internal addresses become the preprocess peers.
     * @return one line per resource: kind, name, created or configured.
     * @throws DeployException when the server refuses a resource.
     */
    public List<String> apply(final List<HasMetadata> resources, final List<Placement.NodeSlots> nodes)
        throws DeployException {
        final List<String> addresses = internalAddresses(nodes);
        final List<String> applied = new ArrayList<>();
        for (final HasMetadata resource : resources) {
            if (resource instanceof Namespaced && resource.getMetadata().getNamespace() == null) {
                resource.getMetadata().setNamespace(namespace);
            }
            if (resource instanceof ConfigMap config && CONFIG.equals(config.getMetadata().getName())) {
                fillPeers(config, addresses);
            }
            final String what = resource.getKind() + " " + resource.getMetadata().getName();
            final boolean existed = call("read " + what, () -> client.resource(resource).get()) != null;
            call((existed ? "update " : "create ") + what, () -> existed ? client.resource(resource).unlock().update()
                : client.resource(resource).create());
            applied.add(what + (existed ? " configured" : " created"));
        }
        return applied;
    }

    /**
     * Waits until every DaemonSet and Deployment in the namespace has its pods updated and ready.
     *
     * @param timeout the longest wait.
     * @return {@code null} when all are ready, else what is not.
     * @throws DeployException when they cannot be read.
     * @throws InterruptedException when interrupted.
     */
    public String awaitRollout(final Duration timeout) throws DeployException, InterruptedException {
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            final List<String> waiting = new ArrayList<>();
            for (final DaemonSet set : call("list daemonsets", () -> client.apps().daemonSets().inNamespace(namespace)
                .list().getItems())) {
                final DaemonSetStatus status = set.getStatus();
                if (status == null) {
                    waiting.add("DaemonSet " + set.getMetadata().getName() + " no status");
                    continue;
                }
                final int desired = orZero(status.getDesiredNumberScheduled());
                if (orZero(status.getNumberReady()) < desired || orZero(status.getUpdatedNumberScheduled()) < desired) {
                    waiting.add("DaemonSet " + set.getMetadata().getName() + " " + orZero(status.getNumberReady())
                        + "/" + desired + " ready");
                }
            }
            for (final Deployment deployment : call("list deployments", () -> client.apps().deployments()
                .inNamespace(namespace).list().getItems())) {
                final int wanted = orZero(deployment.getSpec().getReplicas());
                final int ready = deployment.getStatus() == null ? 0
                    : orZero(deployment.getStatus().getReadyReplicas());
                if (ready < wanted) {
                    waiting.add("Deployment " + deployment.getMetadata().getName() + " " + ready + "/" + wanted
                        + " ready");
                }
            }
            if (waiting.isEmpty()) {
                return null;
            }
            if (System.nanoTime() - deadline >= 0) {
                return String.join(", ", waiting);
            }
            TimeUnit.MILLISECONDS.sleep(Math.min(2_000, Math.max(1, (deadline - System.nanoTime()) / 1_000_000)));
        }
    }

    /**
     * @return one row per node: name, arch, models pinned, Saccade pods ready/total, restarts.
     * @throws DeployException when nodes or pods cannot be read.
     */
    public String status() throws DeployException {
        final List<Pod> pods = call("list pods", () -> client.pods().inNamespace(namespace).list().getItems());
        final StringBuilder table = new StringBuilder(String.format("%-20s %-6s %-5s %-44s %-7s %s%n", "NODE", "ARCH",
            "READY", "MODELS", "PODS", "RESTARTS"));
        for (final Node node : listNodes()) {
            final String name = node.getMetadata().getName();
            final Map<String, String> labels = labelsOf(node);
            final List<String> models = pinnedModels(labels);
            int total = 0;
            int ready = 0;
            int restarts = 0;
            for (final Pod pod : pods) {
                if (pod.getSpec() == null || !name.equals(pod.getSpec().getNodeName())) {
                    continue;
                }
                total++;
                final List<ContainerStatus> containers = pod.getStatus() == null ? List.of()
                    : Objects.requireNonNullElse(pod.getStatus().getContainerStatuses(), List.of());
                ready += !containers.isEmpty() && containers.stream().allMatch(c -> Boolean.TRUE.equals(c.getReady()))
                    ? 1 : 0;
                restarts += containers.stream().mapToInt(c -> orZero(c.getRestartCount())).sum();
            }
            table.append(String.format("%-20s %-6s %-5s %-44s %-7s %d%n", name,
                labels.getOrDefault("kubernetes.io/arch", "?"), isReady(node) ? "yes" : "no",
                models.isEmpty() ? "-" : String.join(",", models), ready + "/" + total, restarts));
        }
        return table.toString();
    }

    private static Map<String, String> labelsOf(final Node node) {
        return Objects.requireNonNullElse(node.getMetadata().getLabels(), Map.of());
    }

    /** @return the models a node's labels pin to it, sorted. */
    private static List<String> pinnedModels(final Map<String, String> labels) {
        return labels.keySet().stream().filter(key -> key.startsWith(Placement.MODEL_LABEL_PREFIX))
            .map(key -> key.substring(Placement.MODEL_LABEL_PREFIX.length())).sorted().toList();
    }

    /** @return the JSON pointer of a model's label ({@code /} in the key escaped as {@code ~1}). */
    private static String labelPath(final String model) {
        return "/metadata/labels/" + (Placement.MODEL_LABEL_PREFIX + model).replace("~", "~0").replace("/", "~1");
    }

    /** Sets {@code ingress.peers} of the preprocess settings to every node's ingress address. */
    private static void fillPeers(final ConfigMap config, final List<String> addresses) throws DeployException {
        final String text = config.getData() == null ? null : config.getData().get(PREPROCESS);
        if (text == null) {
            throw new DeployException("ConfigMap " + CONFIG + " has no " + PREPROCESS + " to put the peers in");
        }
        final Object loaded = new Load(LoadSettings.builder().build()).loadFromString(text);
        @SuppressWarnings("unchecked")
        final Map<String, Object> settings = loaded instanceof Map<?, ?> map ? (Map<String, Object>)map
            : new LinkedHashMap<>();
        @SuppressWarnings("unchecked")
        final Map<String, Object> ingress = settings.get("ingress") instanceof Map<?, ?> map
            ? (Map<String, Object>)map : new LinkedHashMap<>();
        final int port = portOf(ingress.get("bind"));
        ingress.put("peers", addresses.stream().map(address -> address + ":" + port).toList());
        settings.put("ingress", ingress);
        config.getData().put(PREPROCESS, new Dump(DumpSettings.builder().setDefaultFlowStyle(FlowStyle.BLOCK)
            .build()).dumpToString(settings));
    }

    private static int portOf(final Object bind) throws DeployException {
        if (bind == null) {
            return DEFAULT_INGRESS_PORT;
        }
        final String text = bind.toString();
        try {
            return Integer.parseInt(text.substring(text.lastIndexOf(':') + 1));
        } catch (final NumberFormatException ex) {
            throw new DeployException(PREPROCESS + ": ingress.bind must be HOST:PORT, got '" + text + "'");
        }
    }

    private List<String> internalAddresses(final List<Placement.NodeSlots> nodes) throws DeployException {
        final List<String> names = nodes.stream().filter(node -> Placement.ARM64.equals(node.arch()))
            .map(Placement.NodeSlots::name).toList();
        final List<String> addresses = new ArrayList<>();
        for (final Node node : listNodes()) {
            if (!names.contains(node.getMetadata().getName()) || node.getStatus() == null) {
                continue;
            }
            Objects.requireNonNullElse(node.getStatus().getAddresses(), List.<NodeAddress>of()).stream()
                .filter(address -> "InternalIP".equals(address.getType())).findFirst()
                .ifPresent(address -> addresses.add(address.getAddress()));
        }
        return addresses;
    }

    private List<Node> listNodes() throws DeployException {
        if (nodes == null) {
            nodes = call("list nodes", () -> client.nodes().list().getItems());
        }
        return nodes;
    }

    private static boolean isReady(final Node node) {
        if (node.getStatus() == null || node.getStatus().getConditions() == null) {
            return false;
        }
        for (final NodeCondition condition : node.getStatus().getConditions()) {
            if ("Ready".equals(condition.getType())) {
                return "True".equals(condition.getStatus());
            }
        }
        return false;
    }

    private static int orZero(final Integer value) {
        return value == null ? 0 : value;
    }

    /** Runs one API call, turning the server's refusals into messages that say what was refused and why. */
    private static <T> T call(final String what, final Supplier<T> request) throws DeployException {
        try {
            return request.get();
        } catch (final KubernetesClientException ex) {
            if (ex.getCode() == 403) {
                throw new DeployException("the cluster refused to " + what + " (HTTP 403): RBAC does not allow it "
                    + "for this user; saccade-k8s needs get/list/patch on nodes and get/list/create/update on the "
                    + "resources it applies (README, \"Deploy on Kubernetes (ARM64)\")", ex);
            }
            if (ex.getCode() == 401) {
                throw new DeployException("the cluster did not accept the credentials to " + what + " (HTTP 401): "
                    + "check the kubeconfig", ex);
            }
            Throwable root = ex;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            throw new DeployException("cannot " + what + ": " + (ex.getCode() > 0 ? ex.getMessage()
                : root + " (is the kubeconfig's API server reachable?)"), ex);
        }
    }
}

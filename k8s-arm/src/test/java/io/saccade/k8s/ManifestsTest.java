package io.saccade.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirement;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The manifests in {@code k8s-arm/deploy}: every resource parses into fabric8's typed model with unknown fields
 * refused, carries what the cluster needs (images, probes, requests, arm64 placement, the shared memory), and the
 * kustomize output of the base and every overlay is rendered (with {@code kubectl kustomize} where it is installed)
 * and checked the same way.
 */
class ManifestsTest {
    private static final Path MODEL_CATALOG = Path.of("..", "accelerator-service", "src", "main", "resources", "io",
        "saccade", "accelerator", "model", "models.yaml");
    private static final Path KUBECTL = Path.of("/usr/bin/kubectl");

    private final Manifests manifests = new Manifests();

    @Test
    void shouldRefuseUnknownFieldsNamingThePath() {
        final InvalidManifestException typo = assertThrows(InvalidManifestException.class, () -> manifests.parse("""
            apiVersion: apps/v1
            kind: DaemonSet
            metadata: {name: preprocess}
            spec:
              selector: {matchLabels: {app: p}}
              template:
                metadata: {labels: {app: p}}
                spec:
                  containers:
                    - name: p
                      image: saccade/preprocess
                      readinesProbe: {tcpSocket: {port: 7000}}
            """, "typo.yaml"));

        assertEquals("typo.yaml, document 1: unknown fields DaemonSet preprocess.spec.template.spec.containers[0]"
            + ".readinesProbe", typo.getMessage());
    }

    @Test
    void shouldRefuseUnknownKindsNamelessResourcesAndNonYaml() {
        assertTrue(assertThrows(InvalidManifestException.class, () -> manifests.parse(
            "apiVersion: apps/v1\nkind: DaemonSett\nmetadata: {name: x}\n", "k.yaml")).getMessage()
            .contains("apps/v1 DaemonSett is not a kind the Kubernetes model knows"));
        assertTrue(assertThrows(InvalidManifestException.class, () -> manifests.parse(
            "apiVersion: v1\nkind: ConfigMap\nmetadata: {}\n", "n.yaml")).getMessage()
            .contains("ConfigMap without metadata.name"));
        assertTrue(assertThrows(InvalidManifestException.class, () -> manifests.parse(
            "---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\n- just a list\n", "l.yaml"))
            .getMessage().startsWith("l.yaml, document 2: not a Kubernetes resource"));
        assertTrue(assertThrows(InvalidManifestException.class, () -> manifests.parse("a: [b\n", "y.yaml"))
            .getMessage().startsWith("y.yaml, document 1: not YAML"));
    }

    @Test
    void shouldParseEveryBaseResourceStrictly() throws Exception {
        final List<HasMetadata> resources = base();

        final Set<String> kinds = new TreeSet<>();
        resources.forEach(resource -> kinds.add(resource.getKind() + "/" + resource.getMetadata().getName()));
        assertEquals(new TreeSet<>(List.of("ConfigMap/mosquitto-config", "ConfigMap/saccade-config",
            "DaemonSet/accelerator-face-front-128", "DaemonSet/accelerator-ssd-mobilenetv2-oidv4",
            "DaemonSet/preprocess", "Deployment/coordinator", "Deployment/mosquitto", "Namespace/saccade",
            "PodDisruptionBudget/coordinator", "Service/coordinator", "Service/mosquitto")), kinds);
        assertFalse(resources.stream().anyMatch(Secret.class::isInstance), "secrets are created by the operator");
    }

    @Test
    void shouldGiveEveryWorkloadProbesRequestsAnImageAndArm64Nodes() throws Exception {
        for (final HasMetadata resource : base()) {
            final PodTemplateSpec template = template(resource);
            if (template == null) {
                continue;
            }
            final String what = resource.getKind() + " " + resource.getMetadata().getName();
            final PodSpec pod = template.getSpec();
            assertTrue(requiresArm64(pod), what + " runs on arm64 nodes only");
            for (final Container container : pod.getContainers()) {
                assertFalse(container.getImage() == null || container.getImage().isBlank(), what + " image");
                assertTrue(container.getReadinessProbe() != null && container.getLivenessProbe() != null,
                    what + " readiness and liveness");
                final Map<String, ?> requests = container.getResources().getRequests();
                assertTrue(requests.containsKey("cpu") && requests.containsKey("memory"), what + " requests");
                assertTrue(container.getResources().getLimits().containsKey("memory"), what + " memory limit");
            }
            final Map<String, String> selector = selector(resource);
            selector.forEach((key, value) -> assertEquals(value, template.getMetadata().getLabels().get(key),
                what + ": the selector matches the pods"));
        }
    }

    @Test
    void shouldShareTheNodesTmpfsThroughAHostPathSubPath() throws Exception {
        for (final HasMetadata resource : base()) {
            final PodTemplateSpec template = template(resource);
            if (template == null || "mosquitto".equals(resource.getMetadata().getName())) {
                continue;
            }
            final Volume shm = template.getSpec().getVolumes().stream().filter(v -> "shm".equals(v.getName()))
                .findFirst().orElseThrow(() -> new AssertionError(resource.getMetadata().getName() + " has no shm"));
            assertEquals("/dev/shm", shm.getHostPath().getPath(), "the node's tmpfs, not a Memory emptyDir");
            final VolumeMount mount = template.getSpec().getContainers().getFirst().getVolumeMounts().stream()
                .filter(m -> "shm".equals(m.getName())).findFirst().orElseThrow();
            assertEquals("saccade", mount.getSubPath());
            assertTrue(template.getSpec().getContainers().getFirst().getArgs().contains("--shm-dir="
                + mount.getMountPath()), resource.getMetadata().getName() + " uses the mounted directory");
        }
    }

    @Test
    void shouldRunOneAcceleratorDaemonSetPerCatalogModelOnTheNodesItIsPinnedTo() throws Exception {
        @SuppressWarnings("unchecked")
        final Set<String> catalog = new TreeSet<>(((Map<String, Object>)DeployFiles.yaml(MODEL_CATALOG)).keySet());
        final Set<String> deployed = new TreeSet<>();
        for (final HasMetadata resource : base()) {
            if (!(resource instanceof DaemonSet set) || !set.getMetadata().getName().startsWith("accelerator-")) {
                continue;
            }
            final String model = set.getMetadata().getName().substring("accelerator-".length());
            deployed.add(model);
            final List<String> required = affinity(set.getSpec().getTemplate().getSpec()).stream()
                .map(term -> term.getKey() + " " + term.getOperator() + " " + term.getValues()).toList();
            assertTrue(required.contains(Placement.MODEL_LABEL_PREFIX + model + " In [" + Placement.PINNED + "]"),
                set.getMetadata().getName() + ": " + required);
            assertTrue(set.getSpec().getTemplate().getSpec().getContainers().getFirst().getArgs()
                .contains("--model=" + model));
        }
        assertTrue(catalog.containsAll(deployed), "every deployed model is in the catalog: " + deployed);
        assertTrue(deployed.size() >= 2, "an object detector and a face detector");
    }

    @Test
    void shouldKeepThreeCoordinatorsOnThreeNodesAndTwoThroughDisruptions() throws Exception {
        final List<HasMetadata> resources = base();
        final Deployment coordinator = find(resources, Deployment.class, "coordinator");
        assertEquals(3, coordinator.getSpec().getReplicas());
        assertEquals("kubernetes.io/hostname", coordinator.getSpec().getTemplate().getSpec().getAffinity()
            .getPodAntiAffinity().getRequiredDuringSchedulingIgnoredDuringExecution().getFirst().getTopologyKey());
        assertEquals(2, find(resources, PodDisruptionBudget.class, "coordinator").getSpec().getMinAvailable()
            .getIntVal());
    }

    @Test
    void shouldShipTheRepositorysPolicyAndAnAuthenticatedBroker() throws Exception {
        final List<HasMetadata> resources = base();
        final ConfigMap config = find(resources, ConfigMap.class, Deployer.CONFIG);
        final Load load = new Load(LoadSettings.builder().build());
        assertEquals(load.loadFromString(Files.readString(Path.of("..", "etc", "policy.yaml"))),
            load.loadFromString(config.getData().get("policy.yaml")), "the ConfigMap's policy is etc/policy.yaml");
        final ConfigMap broker = find(resources, ConfigMap.class, "mosquitto-config");
        final String mosquitto = broker.getData().get("mosquitto.conf");
        assertTrue(mosquitto.contains("allow_anonymous false") && mosquitto.contains("persistence false"), mosquitto);
        assertTrue(mosquitto.contains("listener 8883") && !mosquitto.contains("listener 1883")
            && mosquitto.contains("certfile ") && mosquitto.contains("acl_file /mosquitto/config/acl"),
            "TLS only, with the ACL: " + mosquitto);
        assertEquals(Files.readString(Path.of("..", "etc", "broker", "acl")).strip(),
            broker.getData().get("acl").strip(), "the ConfigMap's ACL is etc/broker/acl");
        for (final String service : List.of("preprocess.yaml", "accelerator.yaml", "coordinator.yaml")) {
            final Map<?, ?> mqtt = (Map<?, ?>)((Map<?, ?>)load.loadFromString(config.getData().get(service)))
                .get("mqtt");
            assertTrue(String.valueOf(mqtt.get("uri")).startsWith("ssl://") && mqtt.get("caFile") != null,
                service + " reaches the broker over TLS, checking its certificate: " + mqtt);
        }
    }

    @Test
    void shouldGiveEachWorkloadTheKeysOfItsRoleOnly() throws Exception {
        final List<HasMetadata> resources = base();
        for (final String model : List.of("ssd-mobilenetv2-oidv4", "face-front-128")) {
            final PodSpec pod = find(resources, DaemonSet.class, "accelerator-" + model).getSpec().getTemplate()
                .getSpec();
            final Volume keys = pod.getVolumes().stream().filter(volume -> "keys".equals(volume.getName()))
                .findFirst().orElseThrow();
            assertEquals(List.of("cluster.key"), keys.getSecret().getItems().stream().map(item -> item.getKey())
                .toList(), "an accelerator never holds the robot's key");
            assertTrue(pod.getContainers().getFirst().getArgs().contains("--mqtt-user=$(NODE_NAME)"),
                "each node is a broker user of its own name");
        }
        for (final PodSpec pod : List.of(find(resources, DaemonSet.class, "preprocess").getSpec().getTemplate()
            .getSpec(), find(resources, Deployment.class, "coordinator").getSpec().getTemplate().getSpec())) {
            final List<String> args = pod.getContainers().getFirst().getArgs();
            assertTrue(args.contains("--key-file=/etc/saccade/keys/robot.key")
                && args.contains("--cluster-key-file=/etc/saccade/keys/cluster.key")
                && args.contains("--health-token-file=/etc/saccade/health/token"), args.toString());
        }
    }

    @Test
    void shouldRenderTheBaseAndEveryOverlayWithKustomize() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(KUBECTL), "kubectl is not installed: the kustomize output is not "
            + "rendered here (every resource file is still checked on its own)");
        final List<HasMetadata> rendered = manifests.parse(kustomize(DeployFiles.BASE), "kustomize base");
        assertEquals(base().size(), rendered.size());
        for (final HasMetadata resource : rendered) {
            if (!"Namespace".equals(resource.getKind())) {
                assertEquals("saccade", resource.getMetadata().getNamespace(), resource.getMetadata().getName());
            }
            assertEquals("saccade", resource.getMetadata().getLabels().get("app.kubernetes.io/part-of"));
        }
        final List<HasMetadata> usb = manifests.parse(kustomize(DeployFiles.OVERLAYS.resolve("usb-accelerators")),
            "kustomize usb-accelerators");
        final List<HasMetadata> privileged = manifests.parse(kustomize(DeployFiles.OVERLAYS.resolve("privileged")),
            "kustomize privileged");
        for (final String model : List.of("ssd-mobilenetv2-oidv4", "face-front-128")) {
            final Container plain = find(usb, DaemonSet.class, "accelerator-" + model).getSpec().getTemplate()
                .getSpec().getContainers().getFirst();
            assertEquals("1", plain.getResources().getLimits().get("squat.ai/usb").getAmount(), model);
            assertTrue(plain.getSecurityContext().getPrivileged() == null, model + " is not privileged");
            assertTrue(plain.getVolumeMounts().stream().anyMatch(m -> "/dev/bus/usb".equals(m.getMountPath())));
            assertTrue(find(privileged, DaemonSet.class, "accelerator-" + model).getSpec().getTemplate().getSpec()
                .getContainers().getFirst().getSecurityContext().getPrivileged(), model);
        }
        assertTrue(find(usb, DaemonSet.class, "preprocess").getSpec().getTemplate().getSpec().getVolumes().stream()
            .noneMatch(v -> "usb".equals(v.getName())), "only the accelerators get the USB bus");
    }

    private List<HasMetadata> base() throws InvalidManifestException {
        final List<HasMetadata> all = new ArrayList<>();
        for (final Path file : DeployFiles.baseResources()) {
            all.addAll(manifests.parse(DeployFiles.read(file), file.toString()));
        }
        return all;
    }

    private static String kustomize(final Path directory) throws IOException, InterruptedException {
        final Process process = new ProcessBuilder(KUBECTL.toString(), "kustomize", directory.toString())
            .redirectErrorStream(true).start();
        final String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "kubectl kustomize did not finish");
        assertEquals(0, process.exitValue(), out);
        return out;
    }

    private static <T extends HasMetadata> T find(final List<HasMetadata> resources, final Class<T> kind,
                                                  final String name) {
        return resources.stream().filter(kind::isInstance).map(kind::cast)
            .filter(resource -> name.equals(resource.getMetadata().getName())).findFirst()
            .orElseThrow(() -> new AssertionError("no " + kind.getSimpleName() + " " + name));
    }

    private static PodTemplateSpec template(final HasMetadata resource) {
        if (resource instanceof DaemonSet set) {
            return set.getSpec().getTemplate();
        }
        return resource instanceof Deployment deployment ? deployment.getSpec().getTemplate() : null;
    }

    private static Map<String, String> selector(final HasMetadata resource) {
        return resource instanceof DaemonSet set ? set.getSpec().getSelector().getMatchLabels()
            : ((Deployment)resource).getSpec().getSelector().getMatchLabels();
    }

    private static boolean requiresArm64(final PodSpec pod) {
        if (pod.getNodeSelector() != null && "arm64".equals(pod.getNodeSelector().get("kubernetes.io/arch"))) {
            return true;
        }
        return affinity(pod).stream().anyMatch(term -> "kubernetes.io/arch".equals(term.getKey())
            && "In".equals(term.getOperator()) && List.of("arm64").equals(term.getValues()));
    }

    private static List<NodeSelectorRequirement> affinity(final PodSpec pod) {
        if (pod.getAffinity() == null || pod.getAffinity().getNodeAffinity() == null) {
            return List.of();
        }
        return pod.getAffinity().getNodeAffinity().getRequiredDuringSchedulingIgnoredDuringExecution()
            .getNodeSelectorTerms().getFirst().getMatchExpressions();
    }
}

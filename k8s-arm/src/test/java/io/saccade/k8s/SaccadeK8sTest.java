package io.saccade.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.io.ByteArrayOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import picocli.CommandLine;

/**
 * {@code saccade-k8s} against fabric8's mock API server in CRUD mode: nodes are read and labelled, manifests are
 * stored with the preprocess peers filled in, status is reported. The mock neither schedules nor evaluates
 * affinity, so what lands where is {@link PlacementTest}'s business.
 */
@EnableKubernetesMockClient(crud = true)
class SaccadeK8sTest {
    static KubernetesClient client;

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void nodes() {
        client.nodes().delete();
        client.nodes().resource(node("board-1", "arm64", "10.0.0.11", null, Map.of())).create();
        client.nodes().resource(node("board-2", "arm64", "10.0.0.12", "MYRIAD",
            Map.of(Placement.MODEL_LABEL_PREFIX + "old-model", Placement.PINNED))).create();
        client.nodes().resource(node("laptop", "amd64", "10.0.0.99", null, Map.of())).create();
    }

    @Test
    void shouldLabelThePlannedNodesAndRemoveStaleModelLabels() {
        assertEquals(0, run("label", "--model", "ssd-mobilenetv2-oidv4=1", "--model", "face-front-128=1:myriad"),
            err.toString());

        assertEquals(Map.of(Placement.MODEL_LABEL_PREFIX + "ssd-mobilenetv2-oidv4", Placement.PINNED),
            modelLabels("board-1"));
        assertEquals(Map.of(Placement.MODEL_LABEL_PREFIX + "face-front-128", Placement.PINNED),
            modelLabels("board-2"), "the stale old-model label is gone");
        assertEquals(Map.of(), modelLabels("laptop"));
        assertTrue(out.toString().contains("labelled board-2: -old-model +face-front-128"), out.toString());

        out.reset();
        assertEquals(0, run("label", "--model", "ssd-mobilenetv2-oidv4=1", "--model", "face-front-128=1:myriad"));
        assertTrue(out.toString().contains("labels already match the plan"), out.toString());
    }

    @Test
    void shouldApplyTheManifestsWithEveryArm64NodeAsAPeer() throws Exception {
        final Path rendered = Files.writeString(dir.resolve("saccade.yaml"), DeployFiles.baseAsOneStream());

        assertEquals(0, run("apply", "-f", rendered.toString(), "--wait", "0"), err.toString());

        assertTrue(out.toString().contains("DaemonSet preprocess created"), out.toString());
        final DaemonSet ssd = client.apps().daemonSets().inNamespace("saccade")
            .withName("accelerator-ssd-mobilenetv2-oidv4").get();
        assertEquals("saccade/accelerator-service", ssd.getSpec().getTemplate().getSpec().getContainers().getFirst()
            .getImage());
        final ConfigMap config = client.configMaps().inNamespace("saccade").withName(Deployer.CONFIG).get();
        final Object preprocess = new Load(LoadSettings.builder().build()).loadFromString(config.getData()
            .get("preprocess.yaml"));
        assertEquals(Map.of("ingress", Map.of("bind", "0.0.0.0:7000", "peers", List.of("10.0.0.11:7000",
            "10.0.0.12:7000")), "mqtt", Map.of("uri", "ssl://mosquitto.saccade.svc:8883", "caFile",
            "/etc/saccade/mqtt-ca/ca.crt")), preprocess, "arm64 nodes only, at the bind port; the rest kept");

        out.reset();
        assertEquals(0, run("apply", "-f", rendered.toString(), "--wait", "0"));
        assertTrue(out.toString().contains("DaemonSet preprocess configured"), out.toString());
    }

    @Test
    void shouldRefuseManifestsWithUnknownFieldsBeforeTouchingTheCluster() throws Exception {
        final Path bad = Files.writeString(dir.resolve("bad.yaml"),
            "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x, namespace: saccade}\ndatta: {}\n");

        assertEquals(SaccadeK8s.INVALID, run("apply", "-f", bad.toString(), "--wait", "0"));

        assertTrue(err.toString().contains("unknown fields ConfigMap x.datta"), err.toString());
        assertEquals(null, client.configMaps().inNamespace("saccade").withName("x").get());
    }

    @Test
    void shouldReportPerNodeStatus() {
        run("label", "--model", "ssd-mobilenetv2-oidv4=2");
        out.reset();

        assertEquals(0, run("status"));

        final List<String> rows = out.toString().lines().toList();
        assertTrue(rows.getFirst().startsWith("NODE"), rows.getFirst());
        assertTrue(rows.stream().anyMatch(row -> row.matches("board-1 +arm64 +yes +ssd-mobilenetv2-oidv4 +0/0 +0")),
            out.toString());
        assertTrue(rows.stream().anyMatch(row -> row.matches("laptop +amd64 +yes +- +0/0 +0")), out.toString());
    }

    @Test
    void shouldSayWhenAModelCannotBePlaced() {
        assertEquals(SaccadeK8s.FAILED, run("plan", "--model", "ssd-mobilenetv2-oidv4=3"));

        assertTrue(err.toString().contains("ssd-mobilenetv2-oidv4 needs 3 nodes with a free CPU slot, found 2"),
            err.toString());
    }

    @Test
    void shouldSayWhenThereIsNoArm64Node() {
        client.nodes().withName("board-1").delete();
        client.nodes().withName("board-2").delete();

        assertEquals(SaccadeK8s.FAILED, run("plan"));

        assertTrue(err.toString().contains("no ready arm64 node among 1 nodes ([laptop: amd64])"), err.toString());
    }

    private int run(final String... args) {
        final CommandLine line = new CommandLine(new SaccadeK8s(() -> client));
        line.setOut(new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true));
        line.setErr(new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true));
        try {
            return line.execute(args);
        } finally {
            line.getOut().flush();
            line.getErr().flush();
        }
    }

    private static Map<String, String> modelLabels(final String node) {
        final Map<String, String> labels = client.nodes().withName(node).get().getMetadata().getLabels();
        return labels.entrySet().stream().filter(e -> e.getKey().startsWith(Placement.MODEL_LABEL_PREFIX))
            .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    private static Node node(final String name, final String arch, final String address, final String accelerators,
                             final Map<String, String> labels) {
        final NodeBuilder node = new NodeBuilder().withNewMetadata().withName(name)
            .addToLabels("kubernetes.io/arch", arch).addToLabels(labels).endMetadata()
            .withNewStatus().addNewAddress().withType("InternalIP").withAddress(address).endAddress()
            .addNewCondition().withType("Ready").withStatus("True").endCondition().endStatus();
        if (accelerators != null) {
            node.editMetadata().addToAnnotations(Placement.ACCELERATORS, accelerators).endMetadata();
        }
        return node.build();
    }
}

package io.saccade.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlacementTest {
    private static Placement.NodeSlots node(final String name, final String... devices) {
        return new Placement.NodeSlots(name, "arm64", true, List.of(devices));
    }

    @Test
    void shouldSpreadModelsOverTheNodesWithTheMostRoom() throws Exception {
        final Map<String, List<String>> plan = Placement.plan(List.of(node("c", "CPU"), node("a", "CPU"),
            node("b", "CPU", "CPU")), List.of(Placement.Demand.parse("ssd=2"), Placement.Demand.parse("face")));

        assertEquals(Map.of("a", List.of("ssd"), "b", List.of("face"), "c", List.of("ssd")), plan,
            "face (first by name) goes to b, the node with two slots; then every node has one free slot and ssd "
                + "takes the two without a model, a and c, rather than doubling up on b");
    }

    @Test
    void shouldPutModelsOnTheirDevicesAndTheScarcestFirst() throws Exception {
        final Map<String, List<String>> plan = Placement.plan(List.of(node("a", "MYRIAD", "CPU"), node("b", "CPU")),
            List.of(Placement.Demand.parse("ssd=2:cpu"), Placement.Demand.parse("face=1:myriad")));

        assertEquals(List.of("face", "ssd"), plan.get("a"));
        assertEquals(List.of("ssd"), plan.get("b"));
    }

    @Test
    void shouldLeaveOutNodesThatAreNotReadyArm64() throws Exception {
        final Map<String, List<String>> plan = Placement.plan(List.of(node("a", "CPU"),
            new Placement.NodeSlots("x86", "amd64", true, List.of("CPU")),
            new Placement.NodeSlots("down", "arm64", false, List.of("CPU"))), List.of(Placement.Demand.parse("ssd")));

        assertEquals(Map.of("a", List.of("ssd")), plan);
    }

    @Test
    void shouldSayWhichModelCannotBePlacedAndWhatTheNodesHave() {
        final PlacementException full = assertThrows(PlacementException.class, () -> Placement.plan(
            List.of(node("a", "CPU"), node("b", "MYRIAD")), List.of(Placement.Demand.parse("ssd=2"))));

        assertEquals("ssd needs 2 nodes with a free CPU slot, found 1 (a [CPU] has [ssd]; b [MYRIAD] has []); add "
            + "saccade.io/accelerators annotations, nodes, or ask for fewer nodes", full.getMessage());
    }

    @Test
    void shouldRefuseAClusterWithoutReadyArm64Nodes() {
        final PlacementException none = assertThrows(PlacementException.class, () -> Placement.plan(
            List.of(new Placement.NodeSlots("x86", "amd64", true, List.of("CPU"))),
            List.of(Placement.Demand.parse("ssd"))));

        assertTrue(none.getMessage().startsWith("no ready arm64 node among 1 nodes ([x86: amd64])"),
            none.getMessage());
    }

    @Test
    void shouldReadAcceleratorAnnotationsAndDemands() {
        assertEquals(List.of("MYRIAD", "MYRIAD", "CPU"), Placement.NodeSlots.devicesOf("myriad, MYRIAD,cpu,"));
        assertEquals(List.of("CPU"), Placement.NodeSlots.devicesOf(null));
        assertEquals(List.of("MYRIAD", "CPU"), Placement.NodeSlots.devicesOf("MYRIAD"), "a stick and the CPU");
        assertEquals(new Placement.Demand("ssd", 2, "NPU"), Placement.Demand.parse("ssd=2:npu"));
        assertThrows(IllegalArgumentException.class, () -> Placement.Demand.parse("ssd=two"));
        assertThrows(IllegalArgumentException.class, () -> Placement.Demand.parse("SSD_model"));
        assertThrows(IllegalArgumentException.class, () -> Placement.Demand.parse("ssd=0"));
    }
}

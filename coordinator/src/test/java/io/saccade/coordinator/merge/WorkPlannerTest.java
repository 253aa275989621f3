package io.saccade.coordinator.merge;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.saccade.protocol.message.ServiceRole;
import io.saccade.protocol.message.ServiceState;
import io.saccade.protocol.message.ServiceStatus;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WorkPlannerTest {
    private static final long STALE = 3_000;

    private final WorkPlanner planner = new WorkPlanner(STALE);

    @Test
    void shouldSplitAModelBetweenTheNodesThatServeItInNameOrder() {
        planner.status(status("node-2", "ssd", ServiceState.READY), 0);
        planner.status(status("node-1", "ssd", ServiceState.READY), 0);
        planner.status(status("node-1", "face", ServiceState.READY), 0);
        planner.status(status("node-3", "ssd", ServiceState.STARTING), 0);

        assertEquals(Map.of("ssd", List.of("node-1", "node-2"), "face", List.of("node-1")), planner.plans(1));
    }

    @Test
    void shouldDropANodeOnItsOfflineWillOrWhenItFallsSilent() {
        planner.status(status("node-1", "ssd", ServiceState.READY), 0);
        planner.status(status("node-2", "ssd", ServiceState.READY), 0);
        planner.status(status("node-3", "ssd", ServiceState.READY), 2_000);

        planner.status(status("node-1", "ssd", ServiceState.OFFLINE), 2_500);

        assertEquals(Map.of("ssd", List.of("node-3")), planner.plans(STALE + 1));
    }

    @Test
    void shouldReportOnlyChangedPlansAndAnEmptyPlanWhenTheLastNodeGoes() {
        planner.status(status("node-1", "ssd", ServiceState.READY), 0);
        assertEquals(Map.of("ssd", List.of("node-1")), planner.changes(0));
        planner.published("ssd", List.of("node-1"));
        assertEquals(Map.of(), planner.changes(1));

        planner.status(status("node-1", "ssd", ServiceState.OFFLINE), 2);

        assertEquals(Map.of("ssd", List.of()), planner.changes(3));
        planner.published("ssd", List.of());
        assertEquals(Map.of(), planner.changes(4));
    }

    @Test
    void shouldRepublishEverythingForANewLeadership() {
        planner.status(status("node-1", "ssd", ServiceState.READY), 0);
        planner.published("ssd", List.of("node-1"));

        planner.forgetPublished();

        assertEquals(Map.of("ssd", List.of("node-1")), planner.changes(1));
    }

    @Test
    void shouldClearAnEarlierLeadersPlanForAModelNobodyServesAnyMore() {
        planner.observed("face", List.of("node-1", "node-2"));
        planner.status(status("node-1", "ssd", ServiceState.READY), 0);

        assertEquals(Map.of("ssd", List.of("node-1"), "face", List.of()), planner.changes(1));
        planner.published("face", List.of());
        assertEquals(Map.of("ssd", List.of("node-1")), planner.changes(2));
    }

    @Test
    void shouldIgnoreServicesThatAreNotAccelerators() {
        planner.status(new ServiceStatus(ServiceStatus.VERSION, "node-1", "preprocess", ServiceRole.PREPROCESS,
            ServiceState.READY, null, null, 0, 0, 0, 0, 0, null, 0), 0);

        assertEquals(Map.of(), planner.plans(1));
    }

    private static ServiceStatus status(final String node, final String model, final ServiceState state) {
        return new ServiceStatus(ServiceStatus.VERSION, node, "accelerator-" + model, ServiceRole.ACCELERATOR, state,
            model, "CPU", 0, 0, 0, 0, 0, null, 0);
    }
}

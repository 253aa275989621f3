package io.saccade.runtime.agent;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class PeriodicAgentTest {
    private final AtomicLong now = new AtomicLong(1_000);
    private final List<String> ran = new ArrayList<>();

    @Test
    void shouldRunEachTaskAtItsRateFromItsFirstTime() {
        final PeriodicAgent agent = new PeriodicAgent("timer", now::get)
            .every(0, 100, () -> ran.add("tick@" + now.get()))
            .every(50, 200, () -> ran.add("status@" + now.get()));

        for (int t = 1_000; t <= 1_300; t += 50) {
            now.set(t);
            agent.doWork();
        }

        assertEquals(List.of("tick@1000", "status@1050", "tick@1100", "tick@1200", "status@1250", "tick@1300"), ran);
    }

    @Test
    void shouldRunALateTaskOnceAndKeepItsRateFromNow() {
        final PeriodicAgent agent = new PeriodicAgent("timer", now::get).every(100, 100, () -> ran.add("@"
            + now.get()));

        now.set(1_550);
        assertEquals(1, agent.doWork());
        now.set(1_600);
        assertEquals(0, agent.doWork());
        now.set(1_650);
        assertEquals(1, agent.doWork());

        assertEquals(List.of("@1550", "@1650"), ran);
        assertEquals(100, agent.nanosToNextDue());
    }

    @Test
    void shouldRunHandedOverTasksFirstAndSayTheyAreDue() {
        final PeriodicAgent agent = new PeriodicAgent("timer", now::get).every(500, 500, () -> ran.add("tick"));
        assertEquals(500, agent.nanosToNextDue());

        agent.execute(() -> ran.add("now"));

        assertEquals(0, agent.nanosToNextDue());
        assertEquals(1, agent.doWork());
        assertEquals(List.of("now"), ran);
    }

    @Test
    void shouldWakeItsParkedThreadForAHandedOverTask() {
        final List<String> seen = java.util.Collections.synchronizedList(new ArrayList<>());
        final PeriodicAgent agent = new PeriodicAgent("timer", System::nanoTime)
            .every(Duration.ofHours(1).toNanos(), Duration.ofHours(1).toNanos(), () -> seen.add("tick"));
        try (AgentRunner runner = AgentRunner.builder(agent).idle(agent.idleStrategy()).start()) {
            await().atMost(Duration.ofSeconds(10)).until(() -> runner.events().get(AgentEvent.TURN) >= 1);

            agent.execute(() -> seen.add(Thread.currentThread().getName()));

            await().atMost(Duration.ofSeconds(10)).until(() -> seen.contains("timer"));
        }
    }
}

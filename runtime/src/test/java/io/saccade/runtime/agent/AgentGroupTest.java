package io.saccade.runtime.agent;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.saccade.runtime.telemetry.Metrics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class AgentGroupTest {
    private final List<String> closed = new CopyOnWriteArrayList<>();

    @Test
    void shouldCloseTheNewestAgentFirst() {
        final AgentGroup group = new AgentGroup();
        group.start(AgentRunner.builder(closing("ingress")).idle(IdleStrategy.parking(1_000_000)));
        group.start(AgentRunner.builder(closing("decode")).idle(IdleStrategy.parking(1_000_000)));
        group.start(AgentRunner.builder(closing("status")).idle(IdleStrategy.parking(1_000_000)));

        group.close();

        assertEquals(List.of("status", "decode", "ingress"), closed);
    }

    @Test
    void shouldBeHealthyOnlyWhileEveryAgentIs() {
        try (AgentGroup group = new AgentGroup()) {
            group.start(AgentRunner.builder(AgentRunnerTest.agent("fine", () -> 0))
                .idle(IdleStrategy.parking(1_000_000)));
            assertNull(group.problem(Duration.ofMinutes(1).toNanos()));

            final AgentRunner broken = group.start(AgentRunner.builder(AgentRunnerTest.agent("broken", () -> {
                throw new StackOverflowError();
            })));
            await().atMost(Duration.ofSeconds(10)).until(() -> !broken.isAlive());

            assertEquals("broken failed: java.lang.StackOverflowError", group.problem(Duration.ofMinutes(1).toNanos()));
        }
    }

    @Test
    void shouldExportEveryAgentsTurnsAndCpu() {
        try (AgentGroup group = new AgentGroup()) {
            final AgentRunner runner = group.start(AgentRunner.builder(AgentRunnerTest.agent("decode", () -> 1))
                .idle(IdleStrategy.parking(1_000_000)));
            final Metrics metrics = new Metrics("preprocess");
            group.exportTo(metrics);
            await().atMost(Duration.ofSeconds(10)).until(() -> runner.events().get(AgentEvent.WORKED) >= 2);

            final String text = new String(metrics.scrape(), StandardCharsets.UTF_8);

            assertTrue(text.contains("saccade_preprocess_agent_total{agent=\"decode\",event=\"worked\"}"), text);
            assertTrue(text.contains("saccade_preprocess_agent_total{agent=\"decode\",event=\"stall\"} 0"), text);
            assertTrue(text.contains("saccade_preprocess_agent_longest_turn_seconds{agent=\"decode\"}"), text);
            assertTrue(text.contains("saccade_preprocess_agent_cpu_seconds_total{agent=\"decode\"}"), text);
        }
    }

    private Agent closing(final String role) {
        return new Agent() {
            @Override
            public int doWork() {
                return 0;
            }

            @Override
            public void onClose() {
                closed.add(role);
            }

            @Override
            public String roleName() {
                return role;
            }
        };
    }
}

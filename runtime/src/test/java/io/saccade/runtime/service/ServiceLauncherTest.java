package io.saccade.runtime.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.saccade.protocol.lifecycle.ReadyFile;
import io.saccade.runtime.agent.Agent;
import io.saccade.runtime.agent.AgentGroup;
import io.saccade.runtime.agent.AgentRunner;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceLauncherTest {
    @TempDir
    Path dir;

    @Test
    void shouldSayItIsReadyAndCloseTheServiceWhenItsAgentsEnded() throws IOException {
        final FiniteService service = new FiniteService(3);
        final Path ready = dir.resolve("finite.ready");

        assertEquals(0, ServiceLauncher.runUntilStopped(service, ready, Duration.ofMinutes(1)));

        final ReadyFile signal = ReadyFile.await(ready, Duration.ofSeconds(1), () -> true);
        assertEquals(new ReadyFile("finite", "finite test", ProcessHandle.current().pid(), 4711), signal);
        assertEquals(1, service.closed.get(), "closed once");
        assertTrue(service.summaries.get() >= 1, "the summary is logged when the service ends");
    }

    /** A service whose one agent works a few turns and finishes. */
    private static final class FiniteService implements Service {
        private final AgentGroup agents = new AgentGroup();
        private final AtomicInteger closed = new AtomicInteger();
        private final AtomicInteger summaries = new AtomicInteger();

        FiniteService(final int turns) {
            final AtomicInteger left = new AtomicInteger(turns);
            agents.start(AgentRunner.builder(new Agent() {
                @Override
                public int doWork() {
                    return left.getAndDecrement() > 0 ? 1 : -1;
                }

                @Override
                public String roleName() {
                    return "finite";
                }
            }));
        }

        @Override
        public String name() {
            return "finite test";
        }

        @Override
        public AgentGroup agents() {
            return agents;
        }

        @Override
        public int healthPort() {
            return 4711;
        }

        @Override
        public String summary() {
            summaries.incrementAndGet();
            return "done";
        }

        @Override
        public void close() {
            closed.incrementAndGet();
            agents.close();
        }
    }
}

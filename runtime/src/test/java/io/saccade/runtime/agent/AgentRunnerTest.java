package io.saccade.runtime.agent;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.saccade.os.cpu.AffinityException;
import io.saccade.os.cpu.CpuSet;
import io.saccade.os.cpu.LinuxThreadAffinity;
import io.saccade.os.cpu.ThreadAffinity;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class AgentRunnerTest {
    private static final Duration BOUND = Duration.ofSeconds(10);

    @Test
    void shouldCountAnExceptionAndTurnAgain() {
        final AtomicInteger turns = new AtomicInteger();
        try (AgentRunner runner = AgentRunner.builder(agent("flaky", () -> {
            if (turns.incrementAndGet() % 2 == 1) {
                throw new IllegalStateException("odd turn");
            }
            return 1;
        })).idle(IdleStrategy.parking(1_000_000)).start()) {
            await().atMost(BOUND).until(() -> runner.events().get(AgentEvent.WORKED) >= 3);

            assertTrue(runner.events().get(AgentEvent.ERROR) >= 3);
            assertNull(runner.problem(Long.MAX_VALUE));
            assertTrue(runner.isAlive());
        }
    }

    @Test
    void shouldFailTheAgentOnAnErrorAndSayWhy() {
        final List<String> closedOn = new CopyOnWriteArrayList<>();
        final AgentRunner runner = AgentRunner.builder(new Agent() {
            @Override
            public int doWork() {
                throw new OutOfMemoryError("simulated");
            }

            @Override
            public void onClose() {
                closedOn.add(Thread.currentThread().getName());
            }

            @Override
            public String roleName() {
                return "doomed";
            }
        }).start();

        await().atMost(BOUND).until(() -> !runner.isAlive());

        assertEquals(1, runner.events().get(AgentEvent.FAILED));
        assertEquals("doomed failed: java.lang.OutOfMemoryError: simulated", runner.problem(Long.MAX_VALUE));
        assertEquals(List.of("doomed"), closedOn);
        runner.close();
    }

    @Test
    void shouldReportAnAgentThatCouldNotStart() {
        final AgentRunner runner = AgentRunner.builder(new Agent() {
            @Override
            public void onStart() throws Exception {
                throw new java.io.IOException("no ring");
            }

            @Override
            public int doWork() {
                throw new AssertionError("must not turn");
            }

            @Override
            public String roleName() {
                return "decode";
            }
        }).start();

        await().atMost(BOUND).until(() -> !runner.isAlive());

        assertEquals("decode failed: java.io.IOException: no ring", runner.problem(Long.MAX_VALUE));
        assertEquals(0, runner.events().get(AgentEvent.TURN));
    }

    @Test
    void shouldEndWhenTheAgentHasFinishedAndCloseItOnItsOwnThread() {
        final AtomicInteger left = new AtomicInteger(3);
        final List<String> closedOn = new CopyOnWriteArrayList<>();
        final AgentRunner runner = AgentRunner.builder(new Agent() {
            @Override
            public int doWork() {
                return left.getAndDecrement() > 0 ? 1 : -1;
            }

            @Override
            public void onClose() {
                closedOn.add(Thread.currentThread().getName());
            }

            @Override
            public String roleName() {
                return "finite";
            }
        }).start();

        await().atMost(BOUND).until(() -> !runner.isAlive());

        assertEquals(3, runner.events().get(AgentEvent.WORKED));
        assertEquals(List.of("finite"), closedOn);
        assertNull(runner.problem(0));
    }

    @Test
    void shouldCountATurnOverItsBudgetAsAStallButNotTheWaitForInput() {
        final AtomicLong now = new AtomicLong();
        final AtomicInteger turn = new AtomicInteger();
        final long[] waitThenWork = {5_000, 1_000, 0, 3_000, 0, 1_500};
        final WaitingAgent agent = new WaitingAgent() {
            private long inputAt;

            @Override
            public int doWork() {
                final int i = turn.getAndIncrement();
                if (i >= waitThenWork.length / 2) {
                    return -1;
                }
                inputAt = now.addAndGet(waitThenWork[2 * i]);
                now.addAndGet(waitThenWork[2 * i + 1]);
                return 1;
            }

            @Override
            public long inputAtNanos() {
                return inputAt;
            }

            @Override
            public String roleName() {
                return "timed";
            }
        };
        final AgentRunner runner = AgentRunner.builder(agent).clock(now::get).budgetNanos(2_000).start();

        await().atMost(BOUND).until(() -> !runner.isAlive());

        assertEquals(1, runner.events().get(AgentEvent.STALL));
        assertEquals(3_000, runner.longestTurnNanos());
    }

    @Test
    void shouldPinItsThreadBeforeTheFirstTurn() {
        final List<String> pinned = new CopyOnWriteArrayList<>();
        final ThreadAffinity affinity = new ThreadAffinity() {
            @Override
            public CpuSet allowed() {
                return CpuSet.of(0, 1);
            }

            @Override
            public CpuSet pinCurrentThread(final CpuSet wish) {
                pinned.add(Thread.currentThread().getName() + " " + wish);
                return wish;
            }

            @Override
            public CpuSet currentThread() throws AffinityException {
                throw new AffinityException("not asked");
            }
        };
        final AtomicInteger turns = new AtomicInteger();
        final AgentRunner runner = AgentRunner.builder(agent("pinned", () -> {
            assertEquals(1, pinned.size());
            return turns.incrementAndGet() < 2 ? 1 : -1;
        })).pinnedTo(CpuSet.of(1), affinity).start();

        await().atMost(BOUND).until(() -> !runner.isAlive());

        assertEquals(List.of("pinned " + CpuSet.of(1)), pinned);
        assertEquals(0, runner.events().get(AgentEvent.ERROR));
    }

    @Test
    void shouldPinItsThreadWithTheKernel() throws Exception {
        final ThreadAffinity affinity = ThreadAffinity.forThisPlatform();
        assumeTrue(affinity instanceof LinuxThreadAffinity, "needs Linux FFM bindings");
        final CpuSet target = CpuSet.of(affinity.allowed().stream().findFirst().orElseThrow());
        final CompletableFuture<String> seen = new CompletableFuture<>();
        final AgentRunner runner = AgentRunner.builder(agent("pinned-for-real", () -> {
            try {
                seen.complete(Thread.currentThread().getName() + " on " + affinity.currentThread());
            } catch (final AffinityException ex) {
                seen.completeExceptionally(ex);
            }
            return -1;
        })).pinnedTo(target, affinity).start();

        assertEquals("pinned-for-real on " + target, seen.get(10, TimeUnit.SECONDS));
        runner.close();
    }

    @Test
    void shouldCloseAnAgentThatNeverStartedOnce() {
        final AtomicInteger closed = new AtomicInteger();
        final AgentRunner runner = AgentRunner.builder(new Agent() {
            @Override
            public int doWork() {
                return 0;
            }

            @Override
            public void onClose() {
                closed.incrementAndGet();
            }

            @Override
            public String roleName() {
                return "idle";
            }
        }).build();

        runner.close();
        runner.close();

        assertEquals(1, closed.get());
    }

    @Test
    void shouldStopAnIdleAgentPromptlyWhenClosed() {
        final AgentRunner runner = AgentRunner.builder(agent("parked", () -> 0))
            .idle(IdleStrategy.parking(Duration.ofMinutes(1).toNanos())).start();
        await().atMost(BOUND).until(() -> runner.events().get(AgentEvent.TURN) >= 1);

        runner.close();

        assertFalse(runner.isAlive());
    }

    @Test
    void shouldSayWhenARunningAgentHasNotTurned() {
        final AtomicLong now = new AtomicLong();
        final AgentRunner runner = AgentRunner.builder(agent("slow", () -> 0)).clock(now::get).build();

        now.set(2_000_000_000L);

        assertEquals("slow has not turned for 2000 ms", runner.problem(1_000_000_000L));
        assertNull(runner.problem(3_000_000_000L));
    }

    static Agent agent(final String role, final java.util.function.IntSupplier work) {
        return new Agent() {
            @Override
            public int doWork() {
                return work.getAsInt();
            }

            @Override
            public String roleName() {
                return role;
            }
        };
    }
}

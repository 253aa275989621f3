package io.saccade.os.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class UnpinnedThreadAffinityTest {
    @Test
    void shouldLeaveThreadsWhereTheyAreAndReportEveryCpu() {
        final UnpinnedThreadAffinity affinity = new UnpinnedThreadAffinity("test platform");
        final CpuSet every = CpuSet.range(Runtime.getRuntime().availableProcessors());

        assertEquals(every, affinity.pinCurrentThread(CpuSet.of(0)));
        assertEquals(every, affinity.currentThread());
    }
}

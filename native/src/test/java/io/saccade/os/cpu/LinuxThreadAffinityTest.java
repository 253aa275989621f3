package io.saccade.os.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.saccade.os.linux.LinuxLibc;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LinuxThreadAffinityTest {
    private final ExecutorService scratch = Executors.newSingleThreadExecutor();
    private LinuxThreadAffinity affinity;

    @BeforeEach
    void requireLinux() {
        assumeTrue(LinuxLibc.isAvailable(), () -> "needs Linux FFM bindings: " + LinuxLibc.check());
        affinity = new LinuxThreadAffinity();
    }

    @AfterEach
    void stop() throws InterruptedException {
        scratch.shutdownNow();
        assertTrue(scratch.awaitTermination(10, TimeUnit.SECONDS));
    }

    @Test
    void shouldReportTheCpusThisProcessMayUse() throws IOException {
        final String allowedList = Files.readAllLines(Path.of("/proc/self/status")).stream()
            .filter(line -> line.startsWith("Cpus_allowed_list:"))
            .map(line -> line.substring(line.indexOf(':') + 1))
            .findFirst().orElseThrow();

        assertEquals(CpuSet.parse(allowedList), affinity.allowed());
    }

    @Test
    void shouldPinAThreadAndReadThePinBack() throws Exception {
        final int lastCpu = affinity.allowed().length() - 1;

        final CpuSet[] result = onScratchThread(() -> new CpuSet[] {
            affinity.pinCurrentThread(CpuSet.of(lastCpu)), affinity.currentThread()});

        assertEquals(CpuSet.of(lastCpu), result[0]);
        assertEquals(CpuSet.of(lastCpu), result[1]);
    }

    @Test
    void shouldIntersectTheWishWithTheAllowedCpus() throws Exception {
        final CpuSet wish = affinity.allowed().union(CpuSet.of(CpuSet.MAX_CPU));

        final CpuSet pinned = onScratchThread(() -> affinity.pinCurrentThread(wish));

        assertEquals(affinity.allowed(), pinned);
    }

    @Test
    void shouldRefuseAWishWithNoAllowedCpu() {
        final AffinityException refused = assertThrows(AffinityException.class,
            () -> affinity.pinCurrentThread(CpuSet.of(CpuSet.MAX_CPU)));

        assertTrue(refused.getMessage().contains("none of them is allowed"), refused.getMessage());
    }

    @Test
    void shouldSurfaceTheKernelsErrnoText() {
        final AffinityException refused = assertThrows(AffinityException.class,
            () -> affinity.setAffinity(CpuSet.of(CpuSet.MAX_CPU)));

        assertTrue(refused.getMessage().contains("Invalid argument (errno 22)"), refused.getMessage());
    }

    @Test
    void shouldDescribePermissionErrors() {
        assertEquals("Operation not permitted (errno 1)", LinuxLibc.describe(LinuxLibc.EPERM));
    }

    private <T> T onScratchThread(final PinningCall<T> call) throws Exception {
        return scratch.submit(call::call).get(10, TimeUnit.SECONDS);
    }

    @FunctionalInterface
    private interface PinningCall<T> {
        T call() throws AffinityException;
    }
}

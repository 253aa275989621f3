package io.saccade.os.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CpuTopologyTest {
    @TempDir
    Path sysfs;

    @Test
    void shouldSeeAllCoresAsBigOnASymmetricCpu() throws IOException {
        online("0-3");
        for (int cpu = 0; cpu < 4; cpu++) {
            write("cpu" + cpu + "/cpu_capacity", "1024");
        }

        final CpuTopology topology = CpuTopology.read(sysfs);

        assertFalse(topology.isHeterogeneous());
        assertEquals(CpuSet.parse("0-3"), topology.big());
        assertEquals(CpuSet.parse("0-3"), topology.cores(CoreClass.LITTLE), "LITTLE work falls back to every core");
        assertEquals(CpuTopology.Source.CAPACITY, topology.source());
    }

    @Test
    void shouldSplitTwoBigAndFourLittleByCapacity() throws IOException {
        online("0-5");
        for (int cpu = 0; cpu < 4; cpu++) {
            write("cpu" + cpu + "/cpu_capacity", "446");
        }
        write("cpu4/cpu_capacity", "1024");
        write("cpu5/cpu_capacity", "1024");

        final CpuTopology topology = CpuTopology.read(sysfs);

        assertTrue(topology.isHeterogeneous());
        assertEquals(CpuSet.parse("4-5"), topology.big());
        assertEquals(CpuSet.parse("0-3"), topology.little());
        assertEquals(CpuSet.parse("0-3"), topology.cores(CoreClass.LITTLE));
    }

    @Test
    void shouldSelectCoresByTheNamesServicesAreConfiguredWith() throws IOException {
        online("0-5");
        for (int cpu = 0; cpu < 6; cpu++) {
            write("cpu" + cpu + "/cpu_capacity", cpu < 4 ? "446" : "1024");
        }

        final CpuTopology topology = CpuTopology.read(sysfs);

        assertEquals(CpuSet.parse("4-5"), topology.select("big"));
        assertEquals(CpuSet.parse("0-3"), topology.select("little"));
        assertEquals(CpuSet.parse("0-5"), topology.select("all"));
        assertEquals(CpuSet.parse("1,3"), topology.select("1,3"));
    }

    @Test
    void shouldFallBackToMaximumFrequencyWhenCapacityIsMissing() throws IOException {
        online("0-5");
        for (int cpu = 0; cpu < 6; cpu++) {
            write("cpu" + cpu + "/cpufreq/cpuinfo_max_freq", cpu < 2 ? "2208000" : "1416000");
        }
        write("cpu0/cpu_capacity", "1024");

        final CpuTopology topology = CpuTopology.read(sysfs);

        assertEquals(CpuTopology.Source.MAX_FREQUENCY, topology.source());
        assertEquals(CpuSet.parse("0-1"), topology.big());
        assertEquals(CpuSet.parse("2-5"), topology.little());
    }

    @Test
    void shouldAssumeSymmetricWhenFiguresAreMissingOrGarbage() throws IOException {
        online("0-2");
        write("cpu0/cpu_capacity", "1024");
        write("cpu1/cpu_capacity", "not a number");

        final CpuTopology topology = CpuTopology.read(sysfs);

        assertEquals(CpuTopology.Source.NONE, topology.source());
        assertEquals(CpuSet.parse("0-2"), topology.big());
        assertTrue(topology.little().isEmpty());
    }

    @Test
    void shouldUseTheProcessorCountWhenNothingIsReadable() {
        final CpuTopology topology = CpuTopology.read(sysfs.resolve("missing"));

        assertEquals(Runtime.getRuntime().availableProcessors(), topology.online().size());
        assertEquals(CpuTopology.Source.NONE, topology.source());
    }

    @Test
    void shouldOnlyConsiderOnlineCpus() throws IOException {
        online("0,2");
        write("cpu0/cpu_capacity", "512");
        write("cpu1/cpu_capacity", "1");
        write("cpu2/cpu_capacity", "1024");

        final CpuTopology topology = CpuTopology.read(sysfs);

        assertEquals(CpuSet.of(2), topology.big());
        assertEquals(CpuSet.of(0), topology.little());
    }

    @Test
    void shouldReadThisMachine() {
        final CpuTopology topology = CpuTopology.read();

        assertFalse(topology.online().isEmpty());
        assertEquals(topology.online(), topology.big().union(topology.little()));
    }

    private void online(final String list) throws IOException {
        write("online", list + "\n");
    }

    private void write(final String file, final String content) throws IOException {
        final Path path = sysfs.resolve("devices/system/cpu").resolve(file);
        Files.createDirectories(path.getParent());
        Files.writeString(path, content);
    }
}

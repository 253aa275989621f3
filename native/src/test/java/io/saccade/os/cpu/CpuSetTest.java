package io.saccade.os.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CpuSetTest {
    @Test
    void shouldParseAndPrintTheKernelListFormat() {
        final CpuSet set = CpuSet.parse("0-3,6,8-9\n");

        assertEquals(CpuSet.of(0, 1, 2, 3, 6, 8, 9), set);
        assertEquals("0-3,6,8-9", set.toString());
        assertEquals(7, set.size());
    }

    @Test
    void shouldTreatBlankTextAsEmpty() {
        assertTrue(CpuSet.parse("  ").isEmpty());
        assertEquals("", CpuSet.EMPTY.toString());
    }

    @Test
    void shouldIntersectUniteAndSubtract() {
        final CpuSet a = CpuSet.parse("0-5");
        final CpuSet b = CpuSet.parse("4-7");

        assertEquals(CpuSet.parse("4-5"), a.intersect(b));
        assertEquals(CpuSet.parse("0-7"), a.union(b));
        assertEquals(CpuSet.parse("0-3"), a.minus(b));
    }

    @Test
    void shouldRejectMalformedListsNamingThePart() {
        final IllegalArgumentException backwards = assertThrows(IllegalArgumentException.class,
            () -> CpuSet.parse("5-2"));
        assertTrue(backwards.getMessage().contains("5-2"), backwards.getMessage());
        assertThrows(IllegalArgumentException.class, () -> CpuSet.parse("a"));
        assertThrows(IllegalArgumentException.class, () -> CpuSet.parse("1,,2"));
        assertThrows(IllegalArgumentException.class, () -> CpuSet.parse("-1"));
        assertThrows(IllegalArgumentException.class, () -> CpuSet.of(CpuSet.MAX_CPU + 1));
    }
}

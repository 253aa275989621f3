package io.saccade.os;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Proof that a cross-architecture test run really ran there: the arm64 profile ({@code ./saccade test-arm64}) sets
 * {@code saccade.expect.arch=aarch64} and forks the tests on an arm64 JVM under qemu-user; had the fork silently
 * fallen back to the host's JVM, this fails.
 */
@EnabledIfSystemProperty(named = "saccade.expect.arch", matches = ".+",
    disabledReason = "only in cross-architecture runs (./saccade test-arm64)")
class ArchitectureTest {
    @Test
    void shouldRunOnTheArchitectureTheRunAskedFor() {
        assertEquals(System.getProperty("saccade.expect.arch"), System.getProperty("os.arch"));
    }
}

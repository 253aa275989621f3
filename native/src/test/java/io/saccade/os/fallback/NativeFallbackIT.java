package io.saccade.os.fallback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.saccade.os.testing.ChildJvm;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Without native access the services must still run: unpinned, polling instead of futex, saying so once. */
class NativeFallbackIT {
    @Test
    void shouldDegradeWithOneWarningWhenNativeAccessIsDenied() throws Exception {
        try (ChildJvm child = ChildJvm.start(List.of("--illegal-native-access=deny"), FallbackProbe.class)) {
            assertEquals(0, child.awaitExit(30), child.output());
            final String output = child.output();

            assertTrue(output.contains("UnpinnedThreadAffinity ParkingWordSignal changed=false"), output);
            assertTrue(output.contains("futex unavailable (native access is not enabled"), output);
            assertTrue(output.contains("thread pinning unavailable (native access is not enabled"), output);
            assertEquals(1, output.split("thread pinning unavailable", -1).length - 1, "said once: " + output);
        }
    }
}

package io.saccade.os.fallback;

import io.saccade.os.cpu.CpuSet;
import io.saccade.os.cpu.ThreadAffinity;
import io.saccade.os.futex.FutexWordSignal;
import io.saccade.protocol.ring.WordSignal;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/** Child side of {@link NativeFallbackIT}: picks the platform's implementations and uses them. */
public final class FallbackProbe {
    private FallbackProbe() {
    }

    /**
     * @param args none.
     * @throws Exception when pinning refuses.
     */
    public static void main(final String[] args) throws Exception {
        final ThreadAffinity affinity = ThreadAffinity.forThisPlatform();
        final WordSignal signal = FutexWordSignal.forThisPlatform();
        try (Arena arena = Arena.ofConfined()) {
            final MemorySegment word = arena.allocate(4, 4);
            final boolean changed = signal.await(word, 0, 0, 5_000_000);
            final CpuSet pinned = affinity.pinCurrentThread(CpuSet.of(0));
            System.out.println(affinity.getClass().getSimpleName() + " " + signal.getClass().getSimpleName()
                + " changed=" + changed + " pinned=" + pinned);
        }
    }
}

package io.saccade.protocol.ring;

import java.lang.foreign.MemorySegment;

/**
 * How a process waits for a 32-bit word in shared memory to change, and how the process that changes it wakes the
 * waiters. The rings only need this interface, so this module makes no OS calls; the futex implementation lives in
 * the native module, {@link ParkingWordSignal} is the portable fallback.
 * <p>
 * The word must be 4-byte aligned. Waiters may wake spuriously and must re-read the state they wait for.
 */
public interface WordSignal {
    /**
     * Waits while the word still holds {@code observed}, for at most {@code timeoutNanos}.
     *
     * @param segment      memory holding the word.
     * @param offset       byte offset of the word.
     * @param observed     the value the caller saw before deciding to wait.
     * @param timeoutNanos longest wait.
     * @return {@code false} when the time ran out with the word unchanged, {@code true} otherwise (woken, changed,
     *     or spuriously).
     */
    boolean await(MemorySegment segment, long offset, int observed, long timeoutNanos);

    /**
     * Wakes every process waiting on the word. Call after changing it.
     *
     * @param segment memory holding the word.
     * @param offset  byte offset of the word.
     */
    void signalAll(MemorySegment segment, long offset);
}

package io.saccade.os.futex;

import io.saccade.os.linux.LinuxLibc;
import io.saccade.protocol.ring.ParkingWordSignal;
import io.saccade.protocol.ring.WordSignal;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * {@link WordSignal} on a Linux futex: a waiter sleeps in the kernel until the process that changed the word wakes
 * it, so there is neither polling latency nor polling CPU. The futex is shared (not {@code FUTEX_PRIVATE}), so it
 * works across processes that map the same file.
 */
public final class FutexWordSignal implements WordSignal {
    private static final System.Logger LOG = System.getLogger(FutexWordSignal.class.getName());
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final ThreadLocal<MemorySegment> TIMESPEC =
        ThreadLocal.withInitial(() -> Arena.ofAuto().allocate(16, 8));

    /**
     * @return a futex signal where futexes work, else a {@link ParkingWordSignal} polling every 50 microseconds,
     *     after one log line saying why.
     */
    public static WordSignal forThisPlatform() {
        if (LinuxLibc.isAvailable()) {
            return new FutexWordSignal();
        }
        LOG.log(System.Logger.Level.WARNING, "futex unavailable ({0}); shared-memory readers poll every 50 us",
            LinuxLibc.check());
        return new ParkingWordSignal(50_000);
    }

    @Override
    public boolean await(final MemorySegment segment, final long offset, final int observed, final long timeoutNanos) {
        final MemorySegment timespec = TIMESPEC.get();
        final long timeout = Math.max(0, timeoutNanos);
        timespec.set(ValueLayout.JAVA_LONG, 0, timeout / NANOS_PER_SECOND);
        timespec.set(ValueLayout.JAVA_LONG, 8, timeout % NANOS_PER_SECOND);
        final long address = wordAddress(segment, offset);
        if (LinuxLibc.futex(address, LinuxLibc.FUTEX_WAIT, observed, timespec) == 0) {
            return true;
        }
        final int errno = LinuxLibc.errno();
        return switch (errno) {
            case LinuxLibc.ETIMEDOUT -> false;
            case LinuxLibc.EAGAIN, LinuxLibc.EINTR -> true;
            default -> throw new IllegalStateException("futex wait failed: " + LinuxLibc.describe(errno));
        };
    }

    @Override
    public void signalAll(final MemorySegment segment, final long offset) {
        if (LinuxLibc.futex(wordAddress(segment, offset), LinuxLibc.FUTEX_WAKE, Integer.MAX_VALUE,
            MemorySegment.NULL) < 0) {
            throw new IllegalStateException("futex wake failed: " + LinuxLibc.describe(LinuxLibc.errno()));
        }
    }

    private static long wordAddress(final MemorySegment segment, final long offset) {
        if (!segment.isNative() || offset < 0 || offset + 4 > segment.byteSize()) {
            throw new IllegalArgumentException("futex word must lie inside native memory, got offset " + offset
                + " of " + segment);
        }
        final long address = segment.address() + offset;
        if ((address & 3) != 0) {
            throw new IllegalArgumentException("futex word must be 4-byte aligned, address " + address);
        }
        return address;
    }
}

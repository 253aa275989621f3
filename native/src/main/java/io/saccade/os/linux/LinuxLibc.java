package io.saccade.os.linux;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.util.Locale;

/**
 * The few libc entry points Saccade needs, bound with the FFM API, each returning its raw result and leaving the
 * caller's errno in a per-thread capture buffer. Only Linux on x86_64 and aarch64 is supported; {@link #check()}
 * says why not elsewhere.
 */
@SuppressWarnings("restricted") // This class is the one place that crosses into native code.
public final class LinuxLibc {
    /** {@code FUTEX_WAIT}: shared (not private) so waiters in other processes of the mapping are woken. */
    public static final int FUTEX_WAIT = 0;
    /** {@code FUTEX_WAKE}. */
    public static final int FUTEX_WAKE = 1;
    /** errno: operation not permitted. */
    public static final int EPERM = 1;
    /** errno: interrupted system call. */
    public static final int EINTR = 4;
    /** errno: try again; for futex wait, the word did not hold the expected value. */
    public static final int EAGAIN = 11;
    /** errno: invalid argument. */
    public static final int EINVAL = 22;
    /** errno: timer expired. */
    public static final int ETIMEDOUT = 110;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final StructLayout CAPTURE_LAYOUT = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CAPTURE_LAYOUT.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final ThreadLocal<MemorySegment> CAPTURE =
        ThreadLocal.withInitial(() -> Arena.ofAuto().allocate(CAPTURE_LAYOUT));

    private static final String UNAVAILABLE = unavailableReason();
    private static final SyscallNumbers SYSCALLS = UNAVAILABLE == null ? SyscallNumbers.forArch(arch()) : null;
    private static final MethodHandle SYSCALL6 = UNAVAILABLE == null ? bindSyscall() : null;
    private static final MethodHandle SCHED_SETAFFINITY = UNAVAILABLE == null ? bindAffinity("sched_setaffinity")
        : null;
    private static final MethodHandle SCHED_GETAFFINITY = UNAVAILABLE == null ? bindAffinity("sched_getaffinity")
        : null;
    private static final MethodHandle STRERROR = UNAVAILABLE == null
        ? LINKER.downcallHandle(symbol("strerror"), FunctionDescriptor.of(ADDRESS, JAVA_INT)) : null;

    private LinuxLibc() {
    }

    /**
     * @return {@code null} when the bindings work here, otherwise why not (platform, or native access denied).
     */
    public static String check() {
        return UNAVAILABLE;
    }

    /** @return whether the bindings work here. */
    public static boolean isAvailable() {
        return UNAVAILABLE == null;
    }

    /**
     * Raw {@code syscall(futex, ...)}.
     *
     * @param address  native address of a 4-byte aligned word.
     * @param op       {@link #FUTEX_WAIT} or {@link #FUTEX_WAKE}.
     * @param value    expected value (wait) or how many to wake (wake).
     * @param timespec relative timeout as a {@code struct timespec}, or {@link MemorySegment#NULL}.
     * @return the syscall's result; -1 with {@link #errno()} set on failure.
     */
    public static long futex(final long address, final int op, final int value, final MemorySegment timespec) {
        try {
            return (long)SYSCALL6.invokeExact(CAPTURE.get(), SYSCALLS.futex(), address, (long)op, (long)value,
                timespec.address(), 0L, 0L);
        } catch (final Throwable ex) {
            throw new IllegalStateException("futex call failed to link", ex);
        }
    }

    /** @return the kernel id of the calling thread. */
    public static int gettid() {
        try {
            return (int)(long)SYSCALL6.invokeExact(CAPTURE.get(), SYSCALLS.gettid(), 0L, 0L, 0L, 0L, 0L, 0L);
        } catch (final Throwable ex) {
            throw new IllegalStateException("gettid call failed to link", ex);
        }
    }

    /**
     * Raw {@code sched_setaffinity(pid, size, mask)}.
     *
     * @param pid  0 for the calling thread, else a thread or process id.
     * @param mask a {@code cpu_set_t}.
     * @return 0, or -1 with {@link #errno()} set.
     */
    public static int schedSetaffinity(final int pid, final MemorySegment mask) {
        try {
            return (int)SCHED_SETAFFINITY.invokeExact(CAPTURE.get(), pid, mask.byteSize(), mask);
        } catch (final Throwable ex) {
            throw new IllegalStateException("sched_setaffinity failed to link", ex);
        }
    }

    /**
     * Raw {@code sched_getaffinity(pid, size, mask)} through glibc, which zeroes the part of the mask the kernel
     * does not fill.
     *
     * @param pid  0 for the calling thread, else a thread or process id.
     * @param mask a {@code cpu_set_t} to fill.
     * @return 0, or -1 with {@link #errno()} set.
     */
    public static int schedGetaffinity(final int pid, final MemorySegment mask) {
        try {
            return (int)SCHED_GETAFFINITY.invokeExact(CAPTURE.get(), pid, mask.byteSize(), mask);
        } catch (final Throwable ex) {
            throw new IllegalStateException("sched_getaffinity failed to link", ex);
        }
    }

    /** @return errno as the last call on this thread left it. */
    public static int errno() {
        return (int)ERRNO.get(CAPTURE.get(), 0L);
    }

    /**
     * @param errno an error number.
     * @return its text as libc gives it, with the symbolic number, e.g. {@code "Invalid argument (errno 22)"}.
     */
    public static String describe(final int errno) {
        try {
            final MemorySegment text = (MemorySegment)STRERROR.invokeExact(errno);
            return text.reinterpret(256).getString(0) + " (errno " + errno + ")";
        } catch (final Throwable ex) {
            return "errno " + errno;
        }
    }

    private static MethodHandle bindSyscall() {
        return LINKER.downcallHandle(symbol("syscall"),
            FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG,
                JAVA_LONG),
            Linker.Option.firstVariadicArg(1), Linker.Option.captureCallState("errno"));
    }

    private static MethodHandle bindAffinity(final String name) {
        return LINKER.downcallHandle(symbol(name), FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, ADDRESS),
            Linker.Option.captureCallState("errno"));
    }

    private static MemorySegment symbol(final String name) {
        return LINKER.defaultLookup().find(name)
            .orElseThrow(() -> new IllegalStateException("libc has no symbol " + name));
    }

    private static String arch() {
        return System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
    }

    private static String unavailableReason() {
        final String os = System.getProperty("os.name", "");
        if (!os.toLowerCase(Locale.ROOT).startsWith("linux")) {
            return "not Linux (" + os + ")";
        }
        if (SyscallNumbers.forArch(arch()) == null) {
            return "no syscall table for architecture " + arch();
        }
        try {
            symbol("syscall");
            return LinuxLibc.class.getModule().isNativeAccessEnabled() ? null
                : "native access is not enabled (start the JVM with --enable-native-access=ALL-UNNAMED)";
        } catch (final RuntimeException | LinkageError ex) {
            return "cannot bind libc: " + ex;
        }
    }
}

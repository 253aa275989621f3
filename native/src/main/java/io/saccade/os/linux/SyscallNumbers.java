package io.saccade.os.linux;

/**
 * System call numbers that differ between the architectures Saccade runs on: x86_64 keeps the historic table,
 * aarch64 uses the generic one (asm-generic/unistd.h).
 *
 * @param futex  {@code SYS_futex}.
 * @param gettid {@code SYS_gettid}.
 */
record SyscallNumbers(long futex, long gettid) {
    private static final SyscallNumbers X86_64 = new SyscallNumbers(202, 186);
    private static final SyscallNumbers AARCH64 = new SyscallNumbers(98, 178);

    /**
     * @param arch the JVM's {@code os.arch}, lower case.
     * @return the table, or {@code null} for an architecture without one.
     */
    static SyscallNumbers forArch(final String arch) {
        return switch (arch) {
            case "amd64", "x86_64" -> X86_64;
            case "aarch64", "arm64" -> AARCH64;
            default -> null;
        };
    }
}

package io.saccade.accelerator.model;

import java.util.Locale;

/** The arithmetic a CPU engine runs a model's floating-point operators in. */
public enum Precision {
    /** Single precision: the reference results. */
    FP32,
    /**
     * Half precision, for TFLite models through XNNPACK: native on ARMv8.2-A cores with FP16 arithmetic (Cortex-A55,
     * A76 and later), converted to single precision around each multiply-add on x86 (F16C + AVX2).
     */
    FP16;

    /**
     * @param name {@code fp32} or {@code fp16}, any case.
     * @return the precision.
     * @throws IllegalArgumentException listing the names when there is no such precision.
     */
    public static Precision of(final String name) {
        return Names.parse(Precision.class, "precision", name);
    }

    /** @return the name as options and flags spell it: {@code fp32}, {@code fp16}. */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}

package io.saccade.accelerator.inference;

import io.saccade.accelerator.model.InferenceRuntime;
import io.saccade.accelerator.model.Precision;

/**
 * How a detector is to run.
 *
 * @param runtime   which runtime, or {@link InferenceRuntime#AUTO}.
 * @param precision arithmetic of the CPU engines.
 * @param threads   inference threads.
 * @param device    {@code CPU}, or for OpenVINO models {@code MYRIAD}, {@code NPU}, {@code GPU}.
 */
public record EngineConfig(InferenceRuntime runtime, Precision precision, int threads, String device) {
    /** One thread on the CPU, the runtime chosen automatically, fp32. */
    public static final EngineConfig CPU = new EngineConfig(InferenceRuntime.AUTO, Precision.FP32, 1, "CPU");

    /** @return these settings with another thread count. */
    public EngineConfig withThreads(final int count) {
        return new EngineConfig(runtime, precision, count, device);
    }

    /** @return these settings with another runtime. */
    public EngineConfig withRuntime(final InferenceRuntime chosen) {
        return new EngineConfig(chosen, precision, threads, device);
    }

    /** @return these settings with another precision. */
    public EngineConfig withPrecision(final Precision chosen) {
        return new EngineConfig(runtime, chosen, threads, device);
    }
}

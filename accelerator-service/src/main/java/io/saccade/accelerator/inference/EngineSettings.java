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
public record EngineSettings(InferenceRuntime runtime, Precision precision, int threads, String device) {
    /** One thread on the CPU, the runtime chosen automatically, fp32. */
    public static final EngineSettings CPU = new EngineSettings(InferenceRuntime.AUTO, Precision.FP32, 1, "CPU");

    /** @return these settings with another thread count. */
    public EngineSettings withThreads(final int count) {
        return new EngineSettings(runtime, precision, count, device);
    }

    /** @return these settings with another runtime. */
    public EngineSettings withRuntime(final InferenceRuntime chosen) {
        return new EngineSettings(chosen, precision, threads, device);
    }

    /** @return these settings with another precision. */
    public EngineSettings withPrecision(final Precision chosen) {
        return new EngineSettings(runtime, chosen, threads, device);
    }
}

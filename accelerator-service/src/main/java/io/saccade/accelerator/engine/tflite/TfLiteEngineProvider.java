package io.saccade.accelerator.engine.tflite;

import ai.djl.engine.Engine;
import ai.djl.engine.EngineProvider;

/** Registers {@link TfLiteEngine} with DJL's engine discovery. */
public final class TfLiteEngineProvider implements EngineProvider {
    private volatile Engine engine;

    @Override
    public String getEngineName() {
        return TfLiteEngine.ENGINE_NAME;
    }

    @Override
    public int getEngineRank() {
        return TfLiteEngine.RANK;
    }

    @Override
    public Engine getEngine() {
        if (engine == null) {
            synchronized (this) {
                if (engine == null) {
                    engine = new TfLiteEngine();
                }
            }
        }
        return engine;
    }
}

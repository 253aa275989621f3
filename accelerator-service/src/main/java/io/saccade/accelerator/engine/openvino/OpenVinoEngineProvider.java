package io.saccade.accelerator.engine.openvino;

import ai.djl.engine.Engine;
import ai.djl.engine.EngineProvider;

/** Registers {@link OpenVinoEngine} with DJL's engine discovery; the runtime is bound on first use. */
public final class OpenVinoEngineProvider implements EngineProvider {
    private volatile Engine engine;

    @Override
    public String getEngineName() {
        return OpenVinoEngine.ENGINE_NAME;
    }

    @Override
    public int getEngineRank() {
        return OpenVinoEngine.RANK;
    }

    @Override
    public Engine getEngine() {
        if (engine == null) {
            synchronized (this) {
                if (engine == null) {
                    engine = OpenVinoEngine.load();
                }
            }
        }
        return engine;
    }
}

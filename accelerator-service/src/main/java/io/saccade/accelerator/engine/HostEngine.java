package io.saccade.accelerator.engine;

import ai.djl.engine.Engine;

/**
 * What Saccade's own engines have in common: a name and a rank, no alternative engine for NDArray maths, and no
 * optional capabilities.
 */
public abstract class HostEngine extends Engine {
    private final String name;
    private final int rank;

    /**
     * @param name the engine name models ask for.
     * @param rank rank among DJL engines; higher than DJL's own so ours are only used when asked for by name.
     */
    protected HostEngine(final String name, final int rank) {
        this.name = name;
        this.rank = rank;
    }

    @Override
    public final Engine getAlternativeEngine() {
        return null;
    }

    @Override
    public final String getEngineName() {
        return name;
    }

    @Override
    public final int getRank() {
        return rank;
    }

    @Override
    public final boolean hasCapability(final String capability) {
        return false;
    }
}

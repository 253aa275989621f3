package io.saccade.runtime.service;

import io.saccade.runtime.agent.AgentGroup;
import io.saccade.runtime.health.HealthServer;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What every service does the same way: it owns an {@link AgentGroup} and a health server, and closes once, in one
 * order: its agents first (newest first, each closed on its own thread), then what it acquired
 * ({@link #release()}), then the health server, so {@code /live} answers until the end.
 */
public abstract class ServiceBase implements Service {
    private final AgentGroup agents = new AgentGroup();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile HealthServer health;

    /**
     * @param server the service's health server, or {@code null} when it serves none; closed last.
     * @return the server.
     */
    protected final HealthServer serveHealth(final HealthServer server) {
        this.health = server;
        return server;
    }

    /** Releases what the service acquired, after its agents stopped; runs once. */
    protected abstract void release();

    @Override
    public final AgentGroup agents() {
        return agents;
    }

    @Override
    public final int healthPort() {
        final HealthServer server = health;
        return server == null ? -1 : server.port();
    }

    @Override
    public final void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        agents.close();
        try {
            release();
        } finally {
            final HealthServer server = health;
            if (server != null) {
                server.close();
            }
        }
    }
}

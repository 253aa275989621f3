package io.saccade.runtime.service;

import io.saccade.runtime.agent.AgentGroup;

/**
 * A started Saccade service, as its {@code *Main} hands it to {@link ServiceLauncher}: its agents, where its health
 * is served, and a line for the periodic log. Every service has the same parts: a thin {@code *Main} (flags ->
 * validated config -> start), a context that owns the resources the config names, the service that starts its
 * agents in order, and adapters that turn MQTT, UDP and HTTP events into work for single-writer agents.
 */
public interface Service extends AutoCloseable {
    /** @return what this service is, for people: {@code preprocess node-1}. */
    String name();

    /** @return the service's running agents. */
    AgentGroup agents();

    /** @return the port {@code /live}, {@code /ready} and {@code /metrics} are served on, or -1. */
    int healthPort();

    /** @return one line of what the service did so far, for the periodic log. */
    String summary();

    /** Stops the agents in the reverse of their start order and releases the resources; idempotent. */
    @Override
    void close();
}

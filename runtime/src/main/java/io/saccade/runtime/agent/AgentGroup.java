package io.saccade.runtime.agent;

import io.saccade.runtime.telemetry.Metrics;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A service's running agents: started in the order the service needs them, closed in the reverse order (the
 * consumers of a stage stop before what feeds them is torn down), healthy only while every one of them is, and
 * exported on the service's {@code /metrics}:
 * {@code saccade_<service>_agent_total{agent,event}}, {@code saccade_<service>_agent_longest_turn_seconds{agent}}
 * and {@code saccade_<service>_agent_cpu_seconds_total{agent}}.
 */
public final class AgentGroup implements AutoCloseable {
    private final List<AgentRunner> runners = new CopyOnWriteArrayList<>();

    /**
     * Starts an agent as the group's newest member.
     *
     * @param runner how to run it.
     * @return its runner, started.
     */
    public AgentRunner start(final AgentRunner.Builder runner) {
        final AgentRunner started = runner.build();
        runners.add(started);
        return started.start();
    }

    /**
     * @param silentNanos how long a running agent may go without a turn.
     * @return {@code null} while every agent is healthy, else the first problem.
     */
    public String problem(final long silentNanos) {
        for (final AgentRunner runner : runners) {
            final String problem = runner.problem(silentNanos);
            if (problem != null) {
                return problem;
            }
        }
        return null;
    }

    /** @return the runners, in start order. */
    public List<AgentRunner> runners() {
        return List.copyOf(runners);
    }

    /**
     * Exports the group's counters, longest turns and CPU time.
     *
     * @param metrics the service's metrics.
     */
    public void exportTo(final Metrics metrics) {
        metrics.family("agent", "Duty cycles of the service's agents: turns, turns with work, stalls over the "
                + "agent's budget, errors, failures.", true, new String[] {"agent", "event"}, sample -> {
                    for (final AgentRunner runner : runners) {
                        runner.events().snapshot().forEach((event, value) ->
                            sample.accept(value, runner.roleName(), event.name().toLowerCase(Locale.ROOT)));
                    }
                })
            .family("agent_longest_turn_seconds", "The longest turn with work of each agent (its wait for input"
                + " excluded).", false, new String[] {"agent"}, sample -> {
                    for (final AgentRunner runner : runners) {
                        sample.accept(runner.longestTurnNanos() / 1e9, runner.roleName());
                    }
                })
            .family("agent_cpu_seconds", "CPU time used by each agent's thread.", true, new String[] {"agent"},
                sample -> {
                    for (final AgentRunner runner : runners) {
                        final long cpu = runner.cpuNanos();
                        if (cpu >= 0) {
                            sample.accept(cpu / 1e9, runner.roleName());
                        }
                    }
                });
    }

    /** Closes every agent, newest first. */
    @Override
    public void close() {
        final List<AgentRunner> reversed = new ArrayList<>(runners);
        Collections.reverse(reversed);
        reversed.forEach(AgentRunner::close);
    }
}

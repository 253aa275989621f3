/**
 * The agent runtime every Saccade service runs its loops on: an {@link io.saccade.runtime.agent.Agent} is one
 * single-threaded stage with a duty cycle, an {@link io.saccade.runtime.agent.AgentRunner} owns its thread (name,
 * pinning, idling, error counting, stall accounting, ordered close), an {@link io.saccade.runtime.agent.AgentGroup}
 * starts and stops a service's runners in order and exports them, and a
 * {@link io.saccade.runtime.agent.PeriodicAgent} runs the housekeeping that used to need scheduled executors.
 */
package io.saccade.runtime.agent;

/**
 * The latency dashboard every coordinator serves (the leader's is authoritative): the newest thumbnail with the
 * current decision drawn on it, the decision's labels and models, leader and members, counters, and a rolling
 * chart of decision latency and evidence age. Plain HTML and JavaScript from the jar: nothing is fetched from the
 * internet.
 */
package io.saccade.coordinator.dashboard;

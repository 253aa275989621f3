/**
 * The robot's side of decisions: the receiver (UDP first, MQTT as fallback), the gate that fences stale leaders and
 * de-duplicates, the control loop with its watchdog, the motor ports, and the latency it measures.
 */
package io.saccade.robot.control;

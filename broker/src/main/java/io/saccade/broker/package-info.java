/**
 * The embedded MQTT broker (HiveMQ CE) as a process of its own: {@code ./saccade broker}. The local demo starts it
 * by default; on a cluster, use a real broker (Mosquitto).
 */
package io.saccade.broker;

/**
 * The broker connection every service shares: Paho MQTT 3.1.1 with a Last Will, reconnection with backoff, and
 * publishes that are dropped and counted, never queued, while the broker is away.
 */
package io.saccade.runtime.mqtt;

/**
 * The MQTT topic tree: where every message is published, under a configurable prefix.
 */
package io.saccade.protocol.mqtt;

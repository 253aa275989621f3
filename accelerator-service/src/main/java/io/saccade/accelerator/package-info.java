/**
 * One pinned model on one device: preloaded engine, newest-slot loop, results on MQTT.
 * Filled in by the accelerator issue.
 */
package io.saccade.accelerator;

/**
 * The messages Saccade publishes on MQTT, as validated records, and their strict JSON codec.
 */
package io.saccade.protocol.message;

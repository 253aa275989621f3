/**
 * Where frames come from: cameras, video files, network streams and a synthetic generator, with live sources
 * drained so the newest frame is always the one sent.
 */
package io.saccade.robot.source;

/**
 * Sending frames: growing sequence numbers across restarts, and the fragmenting UDP sender.
 */
package io.saccade.robot.send;

/**
 * The robot's stream: paced capture, encode and send, skipping rather than queueing when behind.
 */
package io.saccade.robot.stream;

/**
 * Frame fragments: the UDP datagrams that carry sequence-numbered JPEG frames from the robot to the cluster, with
 * the forward-error-correction geometry and authentication tag they carry.
 */
package io.saccade.protocol.frame;

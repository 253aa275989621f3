/**
 * Replication of the robot's fragments to peer nodes over the LAN, so every node decodes its own replica.
 */
package io.saccade.preprocess.relay;

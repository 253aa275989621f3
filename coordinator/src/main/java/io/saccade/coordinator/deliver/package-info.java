/** Decision delivery: an authenticated UDP datagram straight to the robot, and the MQTT decisions topic. */
package io.saccade.coordinator.deliver;

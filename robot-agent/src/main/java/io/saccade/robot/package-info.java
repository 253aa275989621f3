/**
 * The robot agent: frame sources, JPEG encode and the paced, fragmenting, authenticated UDP sender; the decision
 * receiver and control loop follow with the coordinator.
 */
package io.saccade.robot;

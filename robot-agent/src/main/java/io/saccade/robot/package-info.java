/**
 * The robot side of Saccade: frame sources, JPEG encode, the paced fragmenting UDP sender,
 * the decision receiver and the control loop. Filled in by the frame-transport and coordinator issues.
 */
package io.saccade.robot;

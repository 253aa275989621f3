/**
 * {@code ./saccade demo}: an embedded broker, emulated nodes (preprocess and accelerators, relaying frames to each
 * other), three coordinators and the robot, each a process of its own, restarted when they die, with a live
 * status line.
 */
package io.saccade.demo;

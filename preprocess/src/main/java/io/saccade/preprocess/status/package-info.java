/**
 * The node's retained status on the broker, as every service has one: whether frames arrive and are decoded, and
 * what was dropped on the way.
 */
package io.saccade.preprocess.status;

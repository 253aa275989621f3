/**
 * The latest-wins hand-off of complete frames from the ingress event loop to the decode thread.
 */
package io.saccade.preprocess.handoff;

/**
 * The per-node preprocess service: UDP receive, reassembly, peer relay, decode and the
 * shared-memory tensor writer. Filled in by the frame-transport and shared-memory issues.
 */
package io.saccade.preprocess;

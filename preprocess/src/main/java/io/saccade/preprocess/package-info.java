/**
 * The per-node preprocess service: frame ingress with reassembly and relay, and the hand-off to decoding.
 */
package io.saccade.preprocess;

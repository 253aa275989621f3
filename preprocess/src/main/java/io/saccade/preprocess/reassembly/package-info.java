/**
 * Reassembly of frames from fragments: bounded memory, forward error correction, latest-wins per stream.
 */
package io.saccade.preprocess.reassembly;

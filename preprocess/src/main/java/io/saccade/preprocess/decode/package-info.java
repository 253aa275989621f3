/**
 * The decode stage: one JPEG decode per frame, then a tensor per registered input spec and a thumbnail, each
 * written in place into its slot ring in shared memory.
 */
package io.saccade.preprocess.decode;

/**
 * The models and sample files Saccade fetches for itself through npm and Debian's archive, verified by SHA-256 and
 * cached outside the source tree.
 */
package io.saccade.accelerator.assets;

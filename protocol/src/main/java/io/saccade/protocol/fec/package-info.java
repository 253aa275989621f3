/**
 * Forward error correction for frames: a systematic Reed-Solomon erasure code over GF(2^8), so a frame survives
 * lost fragments without a retransmission round trip.
 */
package io.saccade.protocol.fec;

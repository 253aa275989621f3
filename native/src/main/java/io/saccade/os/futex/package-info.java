/**
 * Futex wait and wake on a word of shared memory: how slot-ring readers sleep until a writer in another process
 * publishes.
 */
package io.saccade.os.futex;

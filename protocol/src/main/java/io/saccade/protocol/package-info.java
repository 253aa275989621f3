/**
 * The contracts between Saccade's processes: what travels on the wire and in shared memory, and the defaults they
 * meet on ({@link io.saccade.protocol.DefaultPorts}). Each contract has its spec under {@code protocol/spec/}.
 */
package io.saccade.protocol;

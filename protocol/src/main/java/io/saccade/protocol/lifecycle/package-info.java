/**
 * How a Saccade process tells whoever started it that it is ready: the {@link io.saccade.protocol.lifecycle.ReadyFile}
 * every service (and the embedded broker) writes, and that the demo, the benchmarks and the tests wait for.
 */
package io.saccade.protocol.lifecycle;

/**
 * Liveness and readiness over plain HTTP ({@code /live}, {@code /ready}) for Kubernetes probes and the launcher.
 */
package io.saccade.runtime.health;

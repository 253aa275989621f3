/**
 * The shape every Saccade service shares: {@link io.saccade.runtime.service.Service} (what a {@code *Main} starts),
 * {@link io.saccade.runtime.service.ServiceLauncher} (ready, periodic summary, close on shutdown, the
 * {@link io.saccade.protocol.lifecycle.ReadyFile} supervisors read).
 */
package io.saccade.runtime.service;

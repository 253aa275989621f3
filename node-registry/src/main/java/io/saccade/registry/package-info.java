/**
 * The node-local registry of services, their models and input specs, and their liveness.
 */
package io.saccade.registry;

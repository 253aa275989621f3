/**
 * The accelerator service: start-up (load, warm up, register, report ready), the one-frame-in-flight loop over the
 * newest tensor slot, result and status publishing.
 */
package io.saccade.accelerator.service;

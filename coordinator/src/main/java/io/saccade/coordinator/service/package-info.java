/** The coordinator process: settings, the election and plan timer, the decision thread, and their wiring. */
package io.saccade.coordinator.service;

/**
 * Leader election, result merge, effective decisions for every frame, dashboard and
 * metrics. Filled in by the coordinator issue.
 */
package io.saccade.coordinator;

/**
 * Service configuration: defaults, a YAML file and flags merged into one record, validated at start-up with
 * messages that name the setting.
 */
package io.saccade.runtime.config;

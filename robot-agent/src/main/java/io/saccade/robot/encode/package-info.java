/**
 * JPEG encoding of captured frames at the configured size and quality.
 */
package io.saccade.robot.encode;

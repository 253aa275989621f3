/**
 * Authentication of datagrams: shared keys read from files, truncated HMAC-SHA256 tags, and the replay window that
 * keeps recorded traffic out.
 */
package io.saccade.protocol.auth;

/**
 * Network plumbing every service shares: a UDP socket on its own event loop, epoll where available.
 */
package io.saccade.runtime.net;

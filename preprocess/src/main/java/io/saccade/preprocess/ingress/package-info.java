/**
 * Frame ingress on a node: the UDP socket and the checks every datagram passes, cheapest first, with every drop
 * counted by reason.
 */
package io.saccade.preprocess.ingress;

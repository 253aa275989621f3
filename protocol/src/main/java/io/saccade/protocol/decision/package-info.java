/**
 * Decision datagrams: the authenticated UDP datagram that carries a decision from the leading coordinator straight to
 * the robot; specified in {@code protocol/spec/decision-datagram.md}.
 */
package io.saccade.protocol.decision;

package io.saccade.protocol.clock;

/**
 * One probe exchange: four stamps, two on each clock.
 *
 * @param originNanos   the node sent the request (node clock).
 * @param receiveNanos  the robot received it (robot clock).
 * @param transmitNanos the robot sent the reply (robot clock).
 * @param arrivalNanos  the reply arrived (node clock).
 */
public record ClockSample(long originNanos, long receiveNanos, long transmitNanos, long arrivalNanos) {
    /** Checks each clock's stamps are in order. */
    public ClockSample {
        if (arrivalNanos < originNanos || transmitNanos < receiveNanos) {
            throw new IllegalArgumentException("probe stamps out of order: node " + originNanos + " -> "
                + arrivalNanos + ", robot " + receiveNanos + " -> " + transmitNanos);
        }
    }

    /** @return the estimated robot clock minus node clock: the mean of the outbound and return differences. */
    public long offsetNanos() {
        return ((receiveNanos - originNanos) + (transmitNanos - arrivalNanos)) / 2;
    }

    /** @return time on the wire both ways (round trip minus the robot's turnaround), never negative. */
    public long delayNanos() {
        return Math.max(0, (arrivalNanos - originNanos) - (transmitNanos - receiveNanos));
    }
}

package io.saccade.robot.control;

import io.saccade.protocol.message.Action;

/** The drive the control loop commands. Implementations never block for long: the loop runs at frame rate. */
public interface MotorPort extends AutoCloseable {
    /**
     * Commands the drive; called for every accepted decision and by the watchdog.
     *
     * @param action go (cruise), slow or stop.
     */
    void apply(Action action);

    /** @return what the port drives, for logs. */
    String describe();

    /** Stops the motors and releases the port. */
    @Override
    void close();
}

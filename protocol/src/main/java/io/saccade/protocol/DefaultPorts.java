package io.saccade.protocol;

/**
 * The ports Saccade uses when nothing else is configured, defined once: the settings records' defaults, the demo,
 * the Kubernetes deployer and the help texts all read them from here.
 */
public final class DefaultPorts {
    /** UDP: where a node's preprocess receives the robot's frame fragments (the demo's node i: this + i). */
    public static final int FRAMES = 7000;
    /** UDP: where the robot receives decision datagrams (the demo's: the frame port + 100). */
    public static final int DECISIONS = 7100;
    /** TCP: the MQTT broker. */
    public static final int MQTT = 1883;

    private DefaultPorts() {
    }
}

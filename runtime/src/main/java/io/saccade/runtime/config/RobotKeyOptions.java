package io.saccade.runtime.config;

import java.util.Map;
import picocli.CommandLine.Option;

/** The command-line options naming the robot's key, for the services that hold it (a picocli mixin). */
public final class RobotKeyOptions {
    @Option(names = "--key-file", paramLabel = "FILE", description = "The robot's MAC key: frames, decisions, "
        + "receipts, clock probes (default " + KeysConfig.ROBOT_KEY_FILE + ").")
    private String file;
    @Option(names = "--key-id", description = "Id of the robot's key (default " + KeysConfig.ROBOT_KEY_ID + ").")
    private Integer id;

    /**
     * @param overrides the flag values of a service's configuration, by dotted key; what was given is added.
     */
    public void addTo(final Map<String, Object> overrides) {
        overrides.put("keys.robot.file", file);
        overrides.put("keys.robot.id", id);
    }
}

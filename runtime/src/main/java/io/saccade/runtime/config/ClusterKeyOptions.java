package io.saccade.runtime.config;

import java.util.Map;
import picocli.CommandLine.Option;

/** The command-line options naming the cluster's key, for the services that hold it (a picocli mixin). */
public final class ClusterKeyOptions {
    @Option(names = "--cluster-key-file", paramLabel = "FILE", description = "The cluster's MAC key: results, "
        + "status, heartbeats, leadership, plans (default " + KeysConfig.CLUSTER_KEY_FILE + ").")
    private String file;
    @Option(names = "--cluster-key-id", description = "Id of the cluster key (default " + KeysConfig.CLUSTER_KEY_ID
        + ").")
    private Integer id;

    /**
     * @param overrides the flag values of a service's configuration, by dotted key; what was given is added.
     */
    public void addTo(final Map<String, Object> overrides) {
        overrides.put("keys.cluster.file", file);
        overrides.put("keys.cluster.id", id);
    }
}

package io.saccade.runtime.config;

import io.saccade.protocol.auth.KeyRing;
import io.saccade.protocol.auth.KeyRole;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

/**
 * The keys a service holds, by role, read from files only (never from a command line, which every user of the
 * machine can see in the process list), and how far other parties' clocks may run ahead of this one's.
 *
 * @param robot              the key shared with the robot: frames, decisions, receipts, clock probes; its file
 *                           empty where the service does not hold it.
 * @param cluster            the key of the cluster's services: results, status, heartbeats, leadership, plans;
 *                           its file empty where the service does not hold it.
 * @param maxClockSkewMillis how far a sender's wall clock may run ahead of this one's: message counters and
 *                           leadership epochs beyond this one's clock plus this are refused.
 */
public record KeysConfig(Ring robot, Ring cluster, long maxClockSkewMillis) {
    /** The skew allowed when none is configured: NTP keeps real clusters within milliseconds. */
    public static final long DEFAULT_MAX_CLOCK_SKEW_MILLIS = 10_000;
    /** Where the local demo keeps the robot's key. */
    public static final String ROBOT_KEY_FILE = ".saccade/robot.key";
    /** Where the local demo keeps the cluster's key. */
    public static final String CLUSTER_KEY_FILE = ".saccade/cluster.key";
    /** The robot key's id when none is configured. */
    public static final int ROBOT_KEY_ID = 1;
    /** The cluster key's id when none is configured. */
    public static final int CLUSTER_KEY_ID = 2;
    /** The defaults of a service that holds both keys (preprocess, coordinator). */
    public static final KeysConfig BOTH = new KeysConfig(Ring.of(ROBOT_KEY_FILE, ROBOT_KEY_ID),
        Ring.of(CLUSTER_KEY_FILE, CLUSTER_KEY_ID), DEFAULT_MAX_CLOCK_SKEW_MILLIS);
    /** The defaults of the robot, which holds the robot key only. */
    public static final KeysConfig ROBOT_ONLY = new KeysConfig(Ring.of(ROBOT_KEY_FILE, ROBOT_KEY_ID), Ring.NONE,
        DEFAULT_MAX_CLOCK_SKEW_MILLIS);
    /** The defaults of an accelerator, which holds the cluster key only. */
    public static final KeysConfig CLUSTER_ONLY = new KeysConfig(Ring.NONE, Ring.of(CLUSTER_KEY_FILE,
        CLUSTER_KEY_ID), DEFAULT_MAX_CLOCK_SKEW_MILLIS);

    /**
     * One role's keys.
     *
     * @param file       the signing key's file; empty when this service does not hold a key of the role.
     * @param id         its id, 0..255; the ids of every key of every role must differ.
     * @param acceptFile a second key accepted while keys are rolled (never signed with), or empty.
     * @param acceptId   its id.
     */
    public record Ring(String file, int id, String acceptFile, int acceptId) {
        /** A role this service holds no key of. */
        public static final Ring NONE = new Ring("", 0, "", 0);

        /** Validates the entry; the role names it in messages. */
        public Ring {
            file = file == null ? "" : file;
            acceptFile = acceptFile == null ? "" : acceptFile;
            require(id >= 0 && id <= 255, "key id must be 0..255, got " + id);
            require(acceptId >= 0 && acceptId <= 255, "acceptId must be 0..255, got " + acceptId);
            require(acceptFile.isBlank() || !file.isBlank(), "acceptFile needs a signing key file too");
            require(acceptFile.isBlank() || acceptId != id, "acceptId must differ from id " + id);
        }

        /**
         * @param file the signing key's file.
         * @param id   its id.
         * @return a ring of one key.
         */
        public static Ring of(final String file, final int id) {
            return new Ring(file, id, "", 0);
        }

        /** @return whether this service holds a key of the role. */
        public boolean held() {
            return !file.isBlank();
        }
    }

    /** Validates every setting, naming it in the message. */
    public KeysConfig {
        require(robot != null && cluster != null, "keys.robot and keys.cluster are required (file empty: not held)");
        require(maxClockSkewMillis >= 0 && maxClockSkewMillis <= 3_600_000,
            "keys.maxClockSkewMillis must be 0..3600000, got " + maxClockSkewMillis);
        final Map<Integer, String> ids = new HashMap<>();
        unique(ids, robot, "keys.robot");
        unique(ids, cluster, "keys.cluster");
    }

    /**
     * Reads the key files of the roles held.
     *
     * @return each held role's ring.
     * @throws ConfigException naming the file when one is missing, unreadable or not a key.
     */
    public Map<KeyRole, KeyRing> load() {
        final Map<KeyRole, KeyRing> rings = new EnumMap<>(KeyRole.class);
        if (robot.held()) {
            rings.put(KeyRole.ROBOT, KeyFiles.ring(robot, "keys.robot"));
        }
        if (cluster.held()) {
            rings.put(KeyRole.CLUSTER, KeyFiles.ring(cluster, "keys.cluster"));
        }
        return rings;
    }

    private static void unique(final Map<Integer, String> ids, final Ring ring, final String name) {
        if (!ring.held()) {
            return;
        }
        claim(ids, ring.id(), name + ".id");
        if (!ring.acceptFile().isBlank()) {
            claim(ids, ring.acceptId(), name + ".acceptId");
        }
    }

    private static void claim(final Map<Integer, String> ids, final int id, final String setting) {
        final String other = ids.putIfAbsent(id, setting);
        require(other == null, setting + " " + id + " is also " + other + ": every key needs an id of its own");
    }

    private static void require(final boolean condition, final String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}

package io.saccade.runtime.telemetry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** One line describing the machine a benchmark ran on, printed under every table. */
public final class Hardware {
    private Hardware() {
    }

    /** @return CPU model and count, OS, JDK and load average, on one line. */
    public static String describe() {
        return cpuModel() + ", " + Runtime.getRuntime().availableProcessors() + " CPUs available, "
            + System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty(
            "os.arch")
            + ", JDK " + Runtime.version() + ", load average " + loadAverage();
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                .filter(line -> line.startsWith("model name") || line.startsWith("Model"))
                .map(line -> line.substring(line.indexOf(':') + 1).strip())
                .findFirst().orElse("unknown CPU");
        } catch (final IOException ex) {
            return "unknown CPU";
        }
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (final IOException ex) {
            return "unknown";
        }
    }
}

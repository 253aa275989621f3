package io.saccade.runtime.health;

import picocli.CommandLine.Option;

/** The command-line option naming the token file of a service's health server (a picocli mixin). */
public final class HealthTokenOption {
    @Option(names = "--health-token-file", paramLabel = "FILE", description = "File holding the token /metrics and "
        + "any dashboard ask for (Bearer, or Basic with any user name); /live and /ready stay open.")
    private String file;

    /** @return the file given, or {@code null} when the option was not. */
    public String file() {
        return file;
    }
}

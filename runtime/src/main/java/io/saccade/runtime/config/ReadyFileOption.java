package io.saccade.runtime.config;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --ready-file}: where a service writes its {@link io.saccade.protocol.lifecycle.ReadyFile}; a picocli mixin.
 * */
public final class ReadyFileOption {
    @Option(names = "--ready-file", paramLabel = "FILE",
        description = "Once started, write a JSON readiness signal here (service, name, pid, health port).")
    private Path file;

    /** @return the file, or {@code null} when not asked for. */
    public Path file() {
        return file;
    }
}

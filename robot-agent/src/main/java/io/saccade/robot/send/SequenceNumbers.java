package io.saccade.robot.send;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.function.LongSupplier;

/**
 * Frame sequence numbers that only ever grow, across restarts too: the high 32 bits are a boot epoch, the low 32 a
 * frame counter. The epoch is one more than the last one recorded in a state file, and never below the seconds
 * since 2020 by the wall clock, so a restarted robot is never taken for a replay of its earlier self, whether it
 * kept its state file or its clock. Single-threaded.
 */
public final class SequenceNumbers {
    /** Wall-clock origin of the epoch fallback: 2020-01-01T00:00:00Z. */
    public static final long EPOCH_ORIGIN_SECONDS = Instant.parse("2020-01-01T00:00:00Z").getEpochSecond();

    private static final System.Logger LOG = System.getLogger(SequenceNumbers.class.getName());
    private static final long COUNTER_LIMIT = 1L << 32;

    private final Path stateFile;
    private long epoch;
    private long counter;

    /**
     * Starts a new epoch and records it.
     *
     * @param stateFile          where the last epoch is kept.
     * @param wallClockSeconds   the wall clock, seconds since 1970.
     */
    public SequenceNumbers(final Path stateFile, final LongSupplier wallClockSeconds) {
        this.stateFile = stateFile;
        final long byClock = wallClockSeconds.getAsLong() - EPOCH_ORIGIN_SECONDS;
        this.epoch = Math.min(0xFFFF_FFFFL, Math.max(Math.max(1, byClock), readEpoch() + 1));
        record();
    }

    /** @return the next sequence number. */
    public long next() {
        if (counter == COUNTER_LIMIT) {
            epoch++;
            counter = 0;
            record();
        }
        return epoch << 32 | counter++;
    }

    /** @return the first sequence number of the current epoch: anything below it is from an earlier boot. */
    public long epochStart() {
        return epoch << 32;
    }

    private long readEpoch() {
        try {
            return Long.parseLong(Files.readString(stateFile, StandardCharsets.US_ASCII).strip());
        } catch (final IOException | NumberFormatException ex) {
            return 0;
        }
    }

    private void record() {
        try {
            Files.createDirectories(stateFile.toAbsolutePath().getParent());
            final Path temporary = stateFile.resolveSibling(stateFile.getFileName() + ".tmp");
            Files.writeString(temporary, Long.toString(epoch), StandardCharsets.US_ASCII);
            Files.move(temporary, stateFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (final IOException ex) {
            LOG.log(System.Logger.Level.WARNING, "cannot record sequence epoch in {0} ({1}); after a restart the "
                + "wall clock alone keeps sequence numbers growing", stateFile, ex.getMessage());
        }
    }
}

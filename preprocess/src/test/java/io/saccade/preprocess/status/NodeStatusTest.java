package io.saccade.preprocess.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.saccade.preprocess.decode.DecodeEvent;
import io.saccade.preprocess.ingress.DropReason;
import io.saccade.protocol.message.ServiceRole;
import io.saccade.protocol.message.ServiceState;
import io.saccade.protocol.message.ServiceStatus;
import io.saccade.runtime.telemetry.EnumCounters;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class NodeStatusTest {
    private final EnumCounters<DecodeEvent> decode = new EnumCounters<>(DecodeEvent.class);
    private final EnumCounters<DropReason> drops = new EnumCounters<>(DropReason.class);
    private final AtomicBoolean decoding = new AtomicBoolean(true);
    private Clock clock = Clock.fixed(Instant.ofEpochSecond(1_800_000_000), ZoneOffset.UTC);
    private final NodeStatus status = new NodeStatus("node-1", decode, drops, () -> 7, decoding::get,
        new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(final java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return clock.instant();
            }
        });

    @Test
    void shouldBeStartingThenReadyWhileFramesAreDecodedThenDegradedWhenTheyStop() {
        assertEquals(ServiceState.STARTING, status.current().state());

        decode.add(DecodeEvent.DECODED, 30);
        advance(1);
        final ServiceStatus ready = status.current();
        assertEquals(ServiceState.READY, ready.state());
        assertEquals(30, ready.fps(), 1e-9);
        assertEquals(7, ready.skipped(), "frames superseded before decoding");
        assertEquals(ServiceRole.PREPROCESS, ready.role());
        assertEquals("node-1", ready.node());
        assertEquals("preprocess", ready.service());

        advance(NodeStatus.QUIET_SECONDS + 1);
        final ServiceStatus quiet = status.current();
        assertEquals(ServiceState.DEGRADED, quiet.state());
        assertTrue(quiet.detail().startsWith("no frame decoded for"), quiet.detail());
    }

    @Test
    void shouldCountForgedAndCorruptInputAsErrorsAndSayWhenDecodingStopped() {
        decode.add(DecodeEvent.DECODED, 1);
        decode.add(DecodeEvent.CORRUPT_JPEG, 2);
        drops.add(DropReason.BAD_MAC, 3);
        decoding.set(false);

        final ServiceStatus stopped = status.current();

        assertEquals(5, stopped.errors());
        assertEquals(ServiceState.DEGRADED, stopped.state());
        assertEquals("the decode thread stopped", stopped.detail());
        assertEquals(ServiceState.OFFLINE, status.offline("connection lost").state());
    }

    private void advance(final long seconds) {
        clock = Clock.offset(clock, Duration.ofSeconds(seconds));
    }
}

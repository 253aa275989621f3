package io.saccade.robot.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.saccade.protocol.message.Action;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MotorPortsTest {
    private static final WheelSpeeds SPEEDS = new WheelSpeeds(500, 0.3);

    private long now;

    @Test
    void shouldWriteOneVelocityLinePerCommand() {
        final ByteArrayOutputStream wire = new ByteArrayOutputStream();
        try (SerialDriveBase base = new SerialDriveBase(wire, SPEEDS, "test")) {
            base.apply(Action.GO);
            base.apply(Action.SLOW);
        }

        assertEquals("V 500 500\nV 150 150\nV 0 0\n", wire.toString(StandardCharsets.US_ASCII));
    }

    @Test
    void shouldKeepGoingWhenTheSerialLinkFails() {
        final OutputStream broken = new OutputStream() {
            @Override
            public void write(final int b) throws IOException {
                throw new IOException("device unplugged");
            }
        };
        final SerialDriveBase base = new SerialDriveBase(broken, SPEEDS, "test");

        base.apply(Action.GO);
        base.apply(Action.STOP);
    }

    @Test
    void shouldReportAClearErrorForAMissingSerialDevice() {
        final IOException thrown = assertThrows(IOException.class,
            () -> SerialDriveBase.open("/dev/saccade-no-such-tty", 115_200, SPEEDS));

        assertEquals(true, thrown.getMessage().contains("/dev/saccade-no-such-tty"));
    }

    @Test
    void shouldIntegrateTheDistanceTheSimulatedBaseDrives() {
        final SimulatedDriveBase base = new SimulatedDriveBase(SPEEDS, () -> now);

        base.apply(Action.GO);
        now += 2_000_000_000L;
        base.apply(Action.SLOW);
        now += 1_000_000_000L;
        base.apply(Action.SLOW);

        final SimulatedDriveBase.State state = base.state();
        assertEquals(Action.SLOW, state.action());
        assertEquals(150, state.leftMillimetresPerSecond());
        assertEquals(1_150, state.travelledMillimetres(), 1e-6);
        assertEquals(3, state.commands());
        assertEquals(2, state.changes());
    }

    @Test
    void shouldRefuseImpossibleSpeeds() {
        assertThrows(IllegalArgumentException.class, () -> new WheelSpeeds(500, 1.5));
    }
}

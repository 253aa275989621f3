package io.saccade.robot.control;

import com.fazecast.jSerialComm.SerialPort;
import com.fazecast.jSerialComm.SerialPortInvalidPortException;
import io.saccade.protocol.message.Action;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;

/**
 * An Arduino-class motor controller on a serial port. The line protocol (ASCII, one command per line, 115200 8N1 by
 * default) is:
 * <pre>
 *   V &lt;left&gt; &lt;right&gt;\n    wheel speeds in mm/s, signed integers; "V 0 0" stops
 * </pre>
 * The control loop sends a line for every accepted decision (frame rate) and the watchdog's STOP, so the firmware
 * sees a command at least every watchdog period while the link is healthy; it must stop the motors on its own when
 * no line arrives for longer (its own watchdog: the robot-agent process can die too). Replies are ignored.
 * <p>
 * The port is opened with jSerialComm (its native library ships for Linux x86-64 and ARM). Not verified with real
 * hardware here; the line encoding is tested through {@link #SerialDriveBase(OutputStream, WheelSpeeds, String)}.
 */
public final class SerialDriveBase implements MotorPort {
    private static final System.Logger LOG = System.getLogger(SerialDriveBase.class.getName());

    private final OutputStream out;
    /** The command line of each action, made once: the speeds never change. */
    private final Map<Action, byte[]> lines = new EnumMap<>(Action.class);
    private final String name;
    private final SerialPort port;
    private boolean failed;

    /**
     * Drives through a stream: the serial port's, or any other for tests.
     *
     * @param out    where command lines go.
     * @param speeds wheel speeds per action.
     * @param name   what the stream is, for logs.
     */
    public SerialDriveBase(final OutputStream out, final WheelSpeeds speeds, final String name) {
        this(out, speeds, name, null);
    }

    private SerialDriveBase(final OutputStream out, final WheelSpeeds speeds, final String name,
                            final SerialPort port) {
        this.out = out;
        for (final Action action : Action.values()) {
            final int speed = speeds.of(action);
            lines.put(action, ("V " + speed + " " + speed + "\n").getBytes(StandardCharsets.US_ASCII));
        }
        this.name = name;
        this.port = port;
    }

    /**
     * Opens a serial port.
     *
     * @param device e.g. {@code /dev/ttyACM0}.
     * @param baud   bits per second, e.g. 115200.
     * @param speeds wheel speeds per action.
     * @return the port, with the motors stopped.
     * @throws IOException naming the device when it cannot be opened.
     */
    public static SerialDriveBase open(final String device, final int baud, final WheelSpeeds speeds)
        throws IOException {
        final SerialPort port;
        try {
            port = SerialPort.getCommPort(device);
        } catch (final SerialPortInvalidPortException ex) {
            throw new IOException("no serial port " + device + ": " + ex.getMessage(), ex);
        }
        port.setComPortParameters(baud, 8, SerialPort.ONE_STOP_BIT, SerialPort.NO_PARITY);
        port.setComPortTimeouts(SerialPort.TIMEOUT_WRITE_BLOCKING, 0, 50);
        if (!port.openPort()) {
            throw new IOException("cannot open serial port " + device + " (error " + port.getLastErrorCode()
                + "; is it there, and may this user open it? e.g. add it to the dialout group)");
        }
        final SerialDriveBase base = new SerialDriveBase(port.getOutputStream(), speeds, device + " at " + baud
            + " baud", port);
        base.apply(Action.STOP);
        return base;
    }

    @Override
    public synchronized void apply(final Action action) {
        try {
            out.write(lines.get(action));
            out.flush();
            failed = false;
        } catch (final IOException ex) {
            if (!failed) {
                LOG.log(System.Logger.Level.ERROR, "cannot command the motors on {0}: {1}; the firmware watchdog "
                    + "must stop them", name, ex.getMessage());
            }
            failed = true;
        }
    }

    @Override
    public String describe() {
        return "serial motor controller " + name;
    }

    @Override
    public void close() {
        apply(Action.STOP);
        if (port != null) {
            port.closePort();
        }
    }
}

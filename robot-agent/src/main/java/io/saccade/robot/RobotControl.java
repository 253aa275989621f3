package io.saccade.robot;

import io.saccade.protocol.auth.MacKey;
import io.saccade.protocol.mqtt.TopicTree;
import io.saccade.protocol.time.NanoClock;
import io.saccade.robot.control.ControlLoop;
import io.saccade.robot.control.DecisionGate;
import io.saccade.robot.control.DecisionReceiver;
import io.saccade.robot.control.MotorPort;
import io.saccade.robot.control.SerialDriveBase;
import io.saccade.robot.control.SimulatedDriveBase;
import io.saccade.runtime.mqtt.MqttEvent;
import io.saccade.runtime.mqtt.PahoMqttPort;
import io.saccade.runtime.telemetry.EnumCounters;
import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * The robot's decision side as configured: the motor port, the control loop with its watchdog, the UDP decision
 * receiver and, when enabled, the MQTT fallback subscription. Closing stops the motors.
 */
final class RobotControl implements AutoCloseable {
    private final ControlLoop loop;
    private final DecisionReceiver receiver;
    private final PahoMqttPort mqtt;

    private RobotControl(final ControlLoop loop, final DecisionReceiver receiver, final PahoMqttPort mqtt) {
        this.loop = loop;
        this.receiver = receiver;
        this.mqtt = mqtt;
    }

    static RobotControl start(final RobotConfig settings, final MacKey key, final long firstFrameSeq,
                              final NanoClock clock, final EnumCounters<MqttEvent> mqttEvents,
                              final ControlLoop.Listener listener) throws IOException {
        final RobotConfig.Control control = settings.control();
        final ControlLoop loop = new ControlLoop(new DecisionGate(settings.streamId(), firstFrameSeq),
            motor(control, clock),
            TimeUnit.MILLISECONDS.toNanos(control.watchdogMillis()), clock, listener).start();
        DecisionReceiver receiver = null;
        PahoMqttPort mqtt = null;
        try {
            receiver = DecisionReceiver.start(RobotConfig.parseTarget(control.decisionBind()), key, loop);
            if (control.mqttFallback()) {
                mqtt = PahoMqttPort.start(settings.mqtt(), "robot-" + settings.streamId(), null, () -> { },
                    mqttEvents);
                mqtt.subscribe(new TopicTree(settings.topicPrefix()).signedDecisions(settings.streamId()), 0,
                    receiver.mqttHandler());
            }
            return new RobotControl(loop, receiver, mqtt);
        } catch (final IOException | RuntimeException ex) {
            if (mqtt != null) {
                mqtt.close();
            }
            if (receiver != null) {
                receiver.close();
            }
            loop.close();
            throw ex;
        }
    }

    private static MotorPort motor(final RobotConfig.Control control, final NanoClock clock) throws IOException {
        if ("sim".equals(control.motor())) {
            return new SimulatedDriveBase(control.wheelSpeeds(), clock);
        }
        final String port = control.motor().substring("serial:".length());
        final int at = port.lastIndexOf('@');
        final int baud = at < 0 ? 115_200 : Integer.parseInt(port.substring(at + 1));
        return SerialDriveBase.open(at < 0 ? port : port.substring(0, at), baud, control.wheelSpeeds());
    }

    /** @return the control loop. */
    ControlLoop loop() {
        return loop;
    }

    /** @return the port decisions arrive on. */
    int port() {
        return receiver.port();
    }

    /** @return what was counted and measured, for the log. */
    String describe() {
        return loop.stats().summary() + "; " + loop.events();
    }

    @Override
    public void close() {
        if (mqtt != null) {
            mqtt.close();
        }
        receiver.close();
        loop.close();
    }
}

package io.saccade.robot;

import io.saccade.protocol.auth.KeyRole;
import io.saccade.protocol.message.EpochBound;
import io.saccade.protocol.mqtt.TopicTree;
import io.saccade.protocol.time.NanoClock;
import io.saccade.robot.control.ControlLoop;
import io.saccade.robot.control.DecisionGate;
import io.saccade.robot.control.DecisionReceiver;
import io.saccade.robot.control.MotorPort;
import io.saccade.robot.control.SerialDriveBase;
import io.saccade.robot.control.SimulatedDriveBase;
import io.saccade.runtime.agent.AgentRunner;
import io.saccade.runtime.agent.PeriodicAgent;
import io.saccade.runtime.mqtt.MqttEvent;
import io.saccade.runtime.mqtt.MqttIdentity;
import io.saccade.runtime.mqtt.SignedMqtt;
import io.saccade.runtime.telemetry.EnumCounters;
import java.io.IOException;
import java.time.Clock;
import java.util.concurrent.TimeUnit;

/**
 * The robot's decision side as configured: the motor port, the control loop with its watchdog, the UDP decision
 * receiver, and the broker connection that carries the robot's retained status (with its Last Will) and, when
 * enabled, the signed decisions fallback. Closing stops the motors.
 */
final class RobotControl implements AutoCloseable {
    private final ControlLoop loop;
    private final RobotStatus status;
    private AgentRunner reporter;
    private DecisionReceiver receiver;
    private volatile SignedMqtt mqtt;

    private RobotControl(final ControlLoop loop, final RobotStatus status) {
        this.loop = loop;
        this.status = status;
    }

    static RobotControl start(final RobotConfig settings, final MqttIdentity identity, final long firstFrameSeq,
                              final NanoClock clock, final Clock wallClock, final EnumCounters<MqttEvent> mqttEvents,
                              final ControlLoop.Listener listener) throws IOException {
        final RobotConfig.Control control = settings.control();
        final ControlLoop loop = new ControlLoop(new DecisionGate(settings.streamId(), firstFrameSeq,
            TimeUnit.MILLISECONDS.toNanos(control.maxDecisionAgeMillis()),
            new EpochBound(wallClock::millis, identity.maxClockSkewMillis())), motor(control, clock),
            TimeUnit.MILLISECONDS.toNanos(control.watchdogMillis()), clock, listener).start();
        final RobotControl robot = new RobotControl(loop, new RobotStatus(settings.mqttName(), loop, wallClock));
        try {
            robot.connect(settings, identity, wallClock, mqttEvents);
            return robot;
        } catch (final IOException | RuntimeException ex) {
            robot.close();
            throw ex;
        }
    }

    private void connect(final RobotConfig settings, final MqttIdentity identity, final Clock wallClock,
                         final EnumCounters<MqttEvent> mqttEvents) throws IOException {
        final TopicTree topics = new TopicTree(settings.topicPrefix());
        receiver = DecisionReceiver.start(settings.control().decisionAddress(),
            identity.keys().get(KeyRole.ROBOT), loop);
        mqtt = SignedMqtt.start(settings.mqtt(), identity, topics, () -> status.offline("connection lost"),
            this::publishStatus, () -> { }, mqttEvents, wallClock);
        if (settings.control().mqttFallback()) {
            mqtt.subscribeUnsigned(topics.signedDecisions(settings.streamId()), 0, receiver.mqttHandler());
        }
        final long period = TimeUnit.MILLISECONDS.toNanos(settings.statusMillis());
        final PeriodicAgent statuses = new PeriodicAgent("status", loop.clock()).every(period, period,
            this::publishStatus);
        reporter = AgentRunner.builder(statuses).idle(statuses.idleStrategy()).daemon().start();
    }

    /** Runs on the status agent's thread. */
    private void publishStatus() {
        publishStatus(mqtt);
    }

    /** Runs on every (re)connect with the connection that came up, and on the status agent's thread. */
    private void publishStatus(final SignedMqtt connection) {
        if (connection != null) {
            connection.publish(status.current(), 1, true);
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

    /** Says OFFLINE on the status topic (a clean disconnect leaves no Will), then stops the motors. */
    @Override
    public void close() {
        if (reporter != null) {
            reporter.close();
        }
        final SignedMqtt connection = mqtt;
        if (connection != null) {
            connection.publish(status.offline("stopped"), 1, true);
            connection.close();
        }
        if (receiver != null) {
            receiver.close();
        }
        loop.close();
    }
}

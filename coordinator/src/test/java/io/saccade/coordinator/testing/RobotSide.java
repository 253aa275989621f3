package io.saccade.coordinator.testing;

import io.saccade.protocol.auth.KeyRing;
import io.saccade.protocol.auth.MacKey;
import io.saccade.protocol.message.Decision;
import io.saccade.protocol.message.EpochBound;
import io.saccade.protocol.message.LeaderStamp;
import io.saccade.robot.control.ControlLoop;
import io.saccade.robot.control.DecisionEvent;
import io.saccade.robot.control.DecisionGate;
import io.saccade.robot.control.DecisionReceiver;
import io.saccade.robot.control.SimulatedDriveBase;
import io.saccade.robot.control.WheelSpeeds;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The robot's real decision side (receiver, gate, control loop, simulated base) for coordinator tests and
 * benchmarks, recording every decision the motors got.
 */
public final class RobotSide implements AutoCloseable {
    /**
     * A decision the motors got.
     *
     * @param frameSeq     the frame.
     * @param leader       who decided it.
     * @param arrivedNanos when it arrived, on this process's monotonic clock.
     * @param decision     the decision.
     */
    public record Applied(long frameSeq, LeaderStamp leader, long arrivedNanos, Decision decision) {
    }

    /** The robot's default limit on decision age. */
    public static final long MAX_AGE_NANOS = TimeUnit.MILLISECONDS.toNanos(150);

    private final List<Applied> applied = new CopyOnWriteArrayList<>();
    private final ControlLoop loop;
    private final DecisionReceiver receiver;

    private RobotSide(final MacKey key) throws IOException {
        this.loop = new ControlLoop(new DecisionGate(1, 0, MAX_AGE_NANOS, new EpochBound(System::currentTimeMillis,
            10_000)), new SimulatedDriveBase(new WheelSpeeds(500, 0.3),
            System::nanoTime), TimeUnit.SECONDS.toNanos(1), System::nanoTime,
            (decision, arrived) -> applied.add(new Applied(decision.frameSeq(), decision.leader(), arrived, decision)));
        this.receiver = DecisionReceiver.start(new InetSocketAddress("127.0.0.1", 0), KeyRing.of(key), loop);
    }

    /**
     * @param key the MAC key shared with the coordinators.
     * @return the robot side, listening on a port the OS chose.
     * @throws IOException when the socket cannot be bound.
     */
    public static RobotSide start(final MacKey key) throws IOException {
        return new RobotSide(key);
    }

    /** @return {@code 127.0.0.1:port} of the decision socket. */
    public String address() {
        return "127.0.0.1:" + receiver.port();
    }

    /** @return every decision applied so far, in order. */
    public List<Applied> applied() {
        return List.copyOf(applied);
    }

    /**
     * @param condition what the wanted decision satisfies.
     * @param timeout   the longest wait.
     * @return the first applied decision that satisfies it.
     * @throws AssertionError when none arrives in time.
     * @throws InterruptedException when interrupted.
     */
    public Applied await(final Predicate<Applied> condition, final Duration timeout) throws InterruptedException {
        final long deadline = System.nanoTime() + timeout.toNanos();
        int checked = 0;
        while (System.nanoTime() < deadline) {
            final List<Applied> now = applied;
            for (; checked < now.size(); checked++) {
                if (condition.test(now.get(checked))) {
                    return now.get(checked);
                }
            }
            Thread.sleep(2);
        }
        throw new AssertionError("no matching decision within " + timeout + "; counters " + loop.events());
    }

    /**
     * @param event a counter.
     * @return its value.
     */
    public long count(final DecisionEvent event) {
        return loop.events().get(event);
    }

    /** @return the control loop. */
    public ControlLoop loop() {
        return loop;
    }

    @Override
    public void close() {
        receiver.close();
        loop.close();
    }
}

package io.saccade.robot.control;

import io.saccade.protocol.message.Action;
import io.saccade.protocol.time.NanoClock;

/**
 * A simulated differential-drive base: applies wheel speeds at once, integrates the distance travelled, and logs
 * every change of action at DEBUG (it can change at frame rate). Its {@link #state()} is what a test or the demo
 * checks. Thread-safe.
 */
public final class SimulatedDriveBase implements MotorPort {
    private static final System.Logger LOG = System.getLogger(SimulatedDriveBase.class.getName());

    private final WheelSpeeds speeds;
    private final NanoClock clock;
    private Action action = Action.STOP;
    private int wheelSpeed;
    private long since;
    private double travelledMillimetres;
    private long commands;
    private long changes;

    /**
     * What the base is doing.
     *
     * @param action               the last action applied.
     * @param leftMillimetresPerSecond  left wheel speed.
     * @param rightMillimetresPerSecond right wheel speed.
     * @param travelledMillimetres distance driven since start.
     * @param commands             actions applied.
     * @param changes              times the action changed.
     */
    public record State(Action action, int leftMillimetresPerSecond, int rightMillimetresPerSecond,
                        double travelledMillimetres, long commands, long changes) {
    }

    /**
     * @param speeds wheel speeds per action.
     * @param clock  monotonic time, for the distance.
     */
    public SimulatedDriveBase(final WheelSpeeds speeds, final NanoClock clock) {
        this.speeds = speeds;
        this.clock = clock;
        this.since = clock.nanoTime();
    }

    @Override
    public synchronized void apply(final Action next) {
        final long now = clock.nanoTime();
        travelledMillimetres += wheelSpeed * (now - since) / 1e9;
        since = now;
        commands++;
        if (next != action) {
            changes++;
            LOG.log(System.Logger.Level.DEBUG, "simulated base: {0} -> {1} ({2} mm/s)", action, next,
                speeds.of(next));
            action = next;
            wheelSpeed = speeds.of(next);
        }
    }

    /** @return what the base is doing now. */
    public synchronized State state() {
        final double travelled = travelledMillimetres + wheelSpeed * (clock.nanoTime() - since) / 1e9;
        return new State(action, wheelSpeed, wheelSpeed, travelled, commands, changes);
    }

    @Override
    public String describe() {
        return "simulated differential-drive base, cruise " + speeds.cruiseMillimetresPerSecond() + " mm/s";
    }

    @Override
    public void close() {
        apply(Action.STOP);
    }
}

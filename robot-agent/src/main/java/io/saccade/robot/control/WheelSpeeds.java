package io.saccade.robot.control;

import io.saccade.protocol.message.Action;

/**
 * Wheel speeds of a differential-drive base for each action: both wheels at the cruise speed for GO, at a fraction
 * of it for SLOW, zero for STOP. Straight ahead only; steering is the robot's own business.
 *
 * @param cruiseMillimetresPerSecond speed for GO.
 * @param slowFraction               share of the cruise speed for SLOW, 0..1.
 */
public record WheelSpeeds(int cruiseMillimetresPerSecond, double slowFraction) {
    /** Validates the speeds. */
    public WheelSpeeds {
        if (cruiseMillimetresPerSecond < 0 || cruiseMillimetresPerSecond > 10_000 || slowFraction < 0
            || slowFraction > 1) {
            throw new IllegalArgumentException("motor speeds need cruise 0..10000 mm/s and slow fraction 0..1, got "
                + cruiseMillimetresPerSecond + " and " + slowFraction);
        }
    }

    /**
     * @param action an action.
     * @return the speed of both wheels for it, mm/s.
     */
    public int of(final Action action) {
        return switch (action) {
            case GO -> cruiseMillimetresPerSecond;
            case SLOW -> (int)Math.round(cruiseMillimetresPerSecond * slowFraction);
            case STOP -> 0;
        };
    }
}

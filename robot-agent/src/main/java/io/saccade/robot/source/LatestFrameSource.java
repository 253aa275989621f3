package io.saccade.robot.source;

import io.saccade.protocol.time.NanoClock;
import io.saccade.runtime.agent.Agent;
import io.saccade.runtime.agent.AgentRunner;
import io.saccade.runtime.agent.IdleStrategy;
import io.saccade.runtime.telemetry.RateLimitedLog;
import java.util.concurrent.TimeUnit;

/**
 * Keeps a live source drained: an agent grabs every frame as the camera or stream delivers it and keeps only the
 * newest, so the sender always encodes the freshest frame instead of one that waited in a driver queue. Frames
 * nobody asked for are dropped here, never queued. When the source fails the agent tries again a second later.
 */
public final class LatestFrameSource implements FrameSource {
    private static final System.Logger LOG = System.getLogger(LatestFrameSource.class.getName());
    private static final long RETRY_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final FrameSource live;
    private final RateLimitedLog failures;
    private final CapturedFrame drained = new CapturedFrame();
    private final CapturedFrame newest = new CapturedFrame();
    private final AgentRunner drainer;
    private long newestSerial;
    private long handedSerial;
    private volatile boolean running = true;

    /**
     * Starts draining.
     *
     * @param live  the source to drain; owned from now on.
     * @param clock time source for the failure log.
     */
    public LatestFrameSource(final FrameSource live, final NanoClock clock) {
        this.live = live;
        this.failures = new RateLimitedLog(LOG, clock, TimeUnit.SECONDS.toNanos(10));
        this.drainer = AgentRunner.builder(new Drainer()).idle(IdleStrategy.parking(RETRY_NANOS)).daemon().start();
    }

    /** Grabs every frame the live source delivers; a failed grab is retried after {@link #RETRY_NANOS}. */
    private final class Drainer implements Agent {
        @Override
        public int doWork() {
            try {
                if (!live.grab(drained)) {
                    ended();
                    return -1;
                }
                publish();
                return 1;
            } catch (final FrameSourceException ex) {
                failures.warn(ex::getMessage);
                return 0;
            }
        }

        @Override
        public String roleName() {
            return "frame-drainer";
        }
    }

    private synchronized void ended() {
        running = false;
        notifyAll();
    }

    private synchronized void publish() {
        drained.image().copyTo(newest.image());
        newest.captureTimeNanos(drained.captureTimeNanos());
        newestSerial++;
        notifyAll();
    }

    /**
     * Hands out the newest frame not handed out before, waiting up to a second for one.
     *
     * @return {@code false} once the live source ended; {@code true} with a frame otherwise.
     * @throws FrameSourceException when no new frame arrived within a second.
     */
    @Override
    public synchronized boolean grab(final CapturedFrame into) throws FrameSourceException {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
        while (newestSerial == handedSerial) {
            if (!running) {
                return false;
            }
            final long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                throw new FrameSourceException("no frame from " + live.describe() + " for a second", null);
            }
            try {
                TimeUnit.NANOSECONDS.timedWait(this, remaining);
            } catch (final InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new FrameSourceException("interrupted waiting for " + live.describe(), ex);
            }
        }
        newest.image().copyTo(into.image());
        into.captureTimeNanos(newest.captureTimeNanos());
        handedSerial = newestSerial;
        return true;
    }

    @Override
    public boolean isLive() {
        return true;
    }

    @Override
    public String describe() {
        return live.describe();
    }

    @Override
    public void close() {
        running = false;
        drainer.close();
        live.close();
        drained.close();
        newest.close();
    }
}

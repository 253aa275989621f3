package io.saccade.coordinator.testing;

import io.saccade.protocol.auth.KeyRole;
import io.saccade.protocol.message.Detection;
import io.saccade.protocol.message.InferenceResult;
import io.saccade.protocol.message.ResultTimings;
import io.saccade.protocol.message.ServiceRole;
import io.saccade.protocol.message.ServiceState;
import io.saccade.protocol.message.ServiceStatus;
import io.saccade.runtime.mqtt.SignedMqtt;
import io.saccade.runtime.testing.TestBroker;
import io.saccade.runtime.testing.TestKeys;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Plays one node's accelerator for coordinator tests: signs with the cluster's test key, says it is ready for a
 * model (again every half second, as the service does, so that the leader's plan keeps it), and publishes results
 * about frames the node's thumbnail feed wrote, with their real capture times.
 */
public final class ClusterSide implements AutoCloseable {
    private final SignedMqtt mqtt;
    private final String node;
    private final String model;
    private final ScheduledExecutorService reporter = Executors.newSingleThreadScheduledExecutor(
        Thread.ofPlatform().daemon().name("cluster-side-status").factory());
    private volatile ServiceState state = ServiceState.READY;

    private ClusterSide(final SignedMqtt mqtt, final String node, final String model) {
        this.mqtt = mqtt;
        this.node = node;
        this.model = model;
    }

    /**
     * Connects as the node's accelerator of a model and reports it ready, so that the leader's plan has it.
     *
     * @param broker the broker.
     * @param node   the node; also the broker user.
     * @param model  the model.
     * @return the connected node.
     * @throws InterruptedException when interrupted while connecting.
     */
    public static ClusterSide ready(final TestBroker broker, final String node, final String model)
        throws InterruptedException {
        final ClusterSide side = new ClusterSide(TestKeys.client(broker, node, node + "/accelerator-" + model,
            KeyRole.CLUSTER), node, model);
        side.status(ServiceState.READY);
        side.reporter.scheduleAtFixedRate(() -> side.status(side.state), 500, 500, TimeUnit.MILLISECONDS);
        return side;
    }

    /**
     * @param state the accelerator's state to report.
     * @return whether it was handed to the broker.
     */
    public boolean status(final ServiceState state) {
        this.state = state;
        return mqtt.publish(new ServiceStatus(ServiceStatus.VERSION, node, "accelerator-" + model,
            ServiceRole.ACCELERATOR, state, model, "CPU", 0, 0, 0, 0, 0, null, System.currentTimeMillis()), 1, true);
    }

    /**
     * @param frame      a frame the feed wrote.
     * @param detections what the model found in it.
     * @return the result published.
     */
    public InferenceResult result(final ThumbnailFeed.Frame frame, final List<Detection> detections) {
        return result(frame, new ResultTimings(0, 0, 0, 0, 0), detections);
    }

    /**
     * @param frame      a frame the feed wrote.
     * @param timings    when it passed each step on the node.
     * @param detections what the model found in it.
     * @return the result published.
     */
    public InferenceResult result(final ThumbnailFeed.Frame frame, final ResultTimings timings,
                                  final List<Detection> detections) {
        final InferenceResult result = new InferenceResult(1, frame.seq(), frame.captureNanos(), model, node, "CPU",
            timings, detections);
        mqtt.publish(result, 0, false);
        return result;
    }

    /** @return the connection, to publish anything else signed as this node. */
    public SignedMqtt mqtt() {
        return mqtt;
    }

    @Override
    public void close() {
        reporter.shutdownNow();
        mqtt.close();
    }
}

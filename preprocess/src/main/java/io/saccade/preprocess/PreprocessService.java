package io.saccade.preprocess;

import io.saccade.os.cpu.CpuTopology;
import io.saccade.os.cpu.ThreadAffinity;
import io.saccade.os.futex.FutexWordSignal;
import io.saccade.preprocess.decode.DecodeAgent;
import io.saccade.preprocess.ingress.FrameIngress;
import io.saccade.preprocess.registry.SpecWatcher;
import io.saccade.preprocess.status.NodeStatus;
import io.saccade.preprocess.status.StatusPublisher;
import io.saccade.protocol.mqtt.TopicTree;
import io.saccade.protocol.ring.InvalidRingException;
import io.saccade.protocol.ring.RingBusyException;
import io.saccade.runtime.agent.AgentRunner;
import io.saccade.runtime.agent.PeriodicAgent;
import io.saccade.runtime.health.HealthServer;
import io.saccade.runtime.mqtt.MqttEvent;
import io.saccade.runtime.service.ServiceBase;
import io.saccade.runtime.telemetry.EnumCounters;
import io.saccade.runtime.telemetry.Metrics;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.TimeUnit;

/**
 * A node's preprocess, running: the UDP ingress (Netty's I/O thread: receive, check, reassemble, relay) hands
 * complete frames to the decode agent through the mailbox; the decode agent, pinned to the big cores, writes the
 * tensors and the thumbnail into shared memory; the housekeeping agent follows the node registry and publishes the
 * node's signed status. Agents start in that order and stop in the reverse one.
 */
public final class PreprocessService extends ServiceBase {
    private static final System.Logger LOG = System.getLogger(PreprocessService.class.getName());
    /** A decode loop that has not turned for this long fails {@code /live}. */
    private static final long LIVENESS_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final PreprocessContext context;
    private final EnumCounters<MqttEvent> mqttEvents = new EnumCounters<>(MqttEvent.class);
    private final SpecWatcher specs;
    private final DecodeAgent decode;
    private FrameIngress ingress;
    private StatusPublisher statuses;

    /**
     * What the command line adds to the settings.
     *
     * @param health          where /live, /ready and /metrics are served; blank disables.
     * @param healthTokenFile the token those need; blank: none.
     * @param saveDir         where to save received frames as JPEG, or {@code null}.
     * @param saveEvery       keep every N-th frame.
     */
    public record Options(String health, String healthTokenFile, Path saveDir, int saveEvery) {
    }

    private PreprocessService(final PreprocessContext context) {
        this.context = context;
        final PreprocessConfig settings = context.settings();
        this.specs = new SpecWatcher(context.registry(), context.clock());
        this.decode = new DecodeAgent(context.mailbox(), context.decoder(), context.shm(), specs,
            settings.decodeSettings(),
            FutexWordSignal.forThisPlatform(), context.clocks(), context.clock());
    }

    /**
     * @param context the node's resources; closed with the service.
     * @param options what the command line adds.
     * @return the running service.
     * @throws IOException          when a socket, a ring or the health server cannot be opened.
     * @throws RingBusyException    when another live preprocess writes this node's rings.
     * @throws InvalidRingException when an existing ring file cannot be replaced.
     * @throws InterruptedException when interrupted while binding the ingress.
     */
    public static PreprocessService start(final PreprocessContext context, final Options options)
        throws IOException, RingBusyException, InvalidRingException, InterruptedException {
        final PreprocessService service = new PreprocessService(context);
        try {
            service.startUp(options);
            return service;
        } catch (final IOException | RingBusyException | InvalidRingException | InterruptedException
                       | RuntimeException ex) {
            service.close();
            throw ex;
        }
    }

    private void startUp(final Options options)
        throws IOException, RingBusyException, InvalidRingException, InterruptedException {
        final PreprocessConfig settings = context.settings();
        decode.start();
        if (options.saveDir() != null) {
            decode.tap(new FrameSaver(options.saveDir(), options.saveEvery()));
        }
        ingress = FrameIngress.start(settings, context.robotKeys(), context.pool(), context.mailbox()::offer,
            context.clocks(), context.clock());
        serveHealth(HealthServer.startForOption(options.health(), options.healthTokenFile(),
            () -> agents().problem(LIVENESS_NANOS), () -> null, metrics()));
        final PeriodicAgent housekeeping = new PeriodicAgent("housekeeping", context.clock());
        final long poll = TimeUnit.MILLISECONDS.toNanos(settings.registry().pollMillis());
        housekeeping.every(poll, poll, specs::poll);
        statuses = new StatusPublisher(settings.mqtt(), context.identity(), new TopicTree(settings.topicPrefix()),
            new NodeStatus(settings.node(), decode.events(), ingress.drops(), context.mailbox()::superseded,
                () -> agents().problem(LIVENESS_NANOS) == null, Clock.systemUTC()),
            settings.statusMillis(), mqttEvents, housekeeping);
        agents().start(AgentRunner.builder(decode).clock(context.clock())
            .pinnedTo(CpuTopology.read().select(settings.decode().cores()), ThreadAffinity.forThisPlatform()));
        agents().start(AgentRunner.builder(housekeeping).idle(housekeeping.idleStrategy()).daemon());
        LOG.log(System.Logger.Level.INFO, "node {0} receiving on {1} (kernel receive buffer {2,number,#} bytes), "
            + "peers {3}, shared memory {4}", settings.node(), ingress.localAddress(), ingress.receiveBufferBytes(),
            settings.ingress().peers(), context.shm().path());
    }

    private Metrics metrics() {
        final Metrics metrics = new Metrics("preprocess")
            .counters("ingress", "Datagrams and frames at the UDP ingress.", ingress.events())
            .counters("reassembly", "Frame reassembly outcomes.", ingress.reassembly())
            .counters("drops", "Datagrams dropped, by reason.", ingress.drops())
            .counters("clock_probes", "Probes of the robots' clocks.", ingress.clocks())
            .counters("decode", "Decode stage events.", decode.events())
            .counters("mqtt", "Broker connection events (this node's status).", mqttEvents);
        agents().exportTo(metrics);
        return metrics;
    }

    @Override
    public String name() {
        return "preprocess " + context.settings().node();
    }

    @Override
    public String summary() {
        return "ingress " + ingress.events() + "; reassembly " + ingress.reassembly() + "; drops " + ingress.drops()
            + "; superseded " + context.mailbox().superseded() + "; decode " + decode.events();
    }

    /** After decoding and housekeeping stopped: says OFFLINE, closes the sockets and the resources. */
    @Override
    protected void release() {
        decode.close(); // when it never ran: its rings were opened at start
        if (statuses != null) {
            statuses.close();
        }
        if (ingress != null) {
            ingress.close();
        }
        context.close();
    }
}

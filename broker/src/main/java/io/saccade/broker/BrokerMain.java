package io.saccade.broker;

import io.saccade.protocol.DefaultPorts;
import io.saccade.protocol.lifecycle.ReadyFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code saccade broker}: the embedded MQTT broker, until stopped. */
@Command(name = "saccade broker", mixinStandardHelpOptions = true,
    description = "Runs HiveMQ CE embedded (in-memory persistence, usage statistics off): the broker of the local "
        + "demo. Clients need a user and password (--users); --acl limits where each may publish and subscribe. On a "
        + "cluster, run a real broker instead (Mosquitto: k8s-arm/deploy/base/mosquitto.yaml).")
public final class BrokerMain implements Callable<Integer> {
    @Option(names = "--host", defaultValue = "127.0.0.1",
        description = "Address to listen on (default ${DEFAULT-VALUE}).")
    private String host;
    @Option(names = "--port", defaultValue = "" + DefaultPorts.MQTT,
        description = "Port to listen on (default ${DEFAULT-VALUE}).")
    private int port;
    @Option(names = "--work-dir", paramLabel = "DIR", description = "Where the broker keeps its files (default: a new "
        + "temporary directory).")
    private Path workDir;
    @Option(names = "--users", paramLabel = "DIR", required = true, description = "One file per user, named after the "
        + "user, holding its password (the files the clients read theirs from).")
    private Path users;
    @Option(names = "--acl", paramLabel = "FILE", description = "Topic permissions in Mosquitto's acl_file syntax "
        + "(etc/broker/acl); default: every user anywhere.")
    private Path acl;
    @Option(names = "--ready-file", paramLabel = "FILE",
        description = "Once listening, write a JSON readiness signal here (service, name, pid, health port).")
    private Path readyFile;

    /**
     * @param args command line.
     */
    public static void main(final String[] args) {
        System.exit(new CommandLine(new BrokerMain()).execute(args));
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        final Path work = workDir != null ? workDir : Files.createTempDirectory("saccade-broker");
        final EmbeddedBroker broker;
        try {
            final BrokerUsers admitted = BrokerUsers.read(users);
            broker = EmbeddedBroker.start(host, port, work, admitted, acl == null ? null : TopicAcl.read(acl));
        } catch (final IOException | IllegalArgumentException ex) {
            System.err.println("saccade broker: " + ex.getMessage());
            return 1;
        }
        System.out.println("saccade broker: listening on " + broker.uri() + (acl == null ? ", any topic for every user"
            : ", topics as " + acl + " grants"));
        if (readyFile != null) {
            new ReadyFile("broker", "broker " + broker.uri(), ProcessHandle.current().pid(), -1).writeTo(readyFile);
        }
        final CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            broker.close();
            stopped.countDown();
        }, "broker-shutdown"));
        stopped.await();
        return 0;
    }
}

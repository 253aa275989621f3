package io.saccade.k8s;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code saccade-k8s}: places Saccade's models on a cluster's arm64 nodes, labels the nodes, applies the rendered
 * manifests and reports per node. Talks to the cluster of the current kubeconfig context.
 * <p>
 * Large because a command line with four subcommands, each a few lines over Deployer and the cluster client.
 */
@Command(name = "saccade-k8s", mixinStandardHelpOptions = true, version = "saccade-k8s 0.1.0",
    description = "Deploys Saccade on arm64 Kubernetes nodes: plan, label, apply, status.",
    subcommands = {SaccadeK8s.Plan.class, SaccadeK8s.Label.class, SaccadeK8s.Apply.class, SaccadeK8s.Status.class})
public final class SaccadeK8s {
    /** Exit code: the cluster refused or failed an operation, or the plan is impossible. */
    static final int FAILED = 1;
    /** Exit code: bad arguments or manifests. */
    static final int INVALID = 2;
    /** Exit code: applied, but the rollout was not ready in time. */
    static final int NOT_READY = 3;

    @Option(names = {"-n", "--namespace"}, defaultValue = "saccade", scope = CommandLine.ScopeType.INHERIT,
        description = "Namespace (default ${DEFAULT-VALUE}).")
    String namespace;
    @Option(names = "--model", paramLabel = "MODEL[=NODES[:DEVICE]]", scope = CommandLine.ScopeType.INHERIT,
        description = "A model to place, on how many nodes and which device; repeat (default "
            + "ssd-mobilenetv2-oidv4=1:CPU and face-front-128=1:CPU).")
    List<String> models = new ArrayList<>(List.of("ssd-mobilenetv2-oidv4=1:CPU", "face-front-128=1:CPU"));

    private final Supplier<KubernetesClient> clients;
    private KubernetesClient client;

    /**
     * @param clients makes the client, once, when a command needs the cluster.
     */
    public SaccadeK8s(final Supplier<KubernetesClient> clients) {
        this.clients = clients;
    }

    /**
     * @param args command line.
     */
    public static void main(final String[] args) {
        System.exit(run(() -> new KubernetesClientBuilder().build(), args));
    }

    /**
     * @param clients the cluster.
     * @param args    command line.
     * @return the exit code.
     */
    static int run(final Supplier<KubernetesClient> clients, final String... args) {
        final SaccadeK8s tool = new SaccadeK8s(clients);
        try {
            return new CommandLine(tool).execute(args);
        } finally {
            if (tool.client != null) {
                tool.client.close();
            }
        }
    }

    Deployer deployer() {
        if (client == null) {
            client = clients.get();
        }
        return new Deployer(client, namespace);
    }

    List<Placement.Demand> demands() {
        return models.stream().map(Placement.Demand::parse).toList();
    }

    /** Shared by the commands: runs one, mapping failures to exit codes and messages on stderr. */
    abstract static class Step implements Callable<Integer> {
        @ParentCommand
        SaccadeK8s tool;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public final Integer call() throws InterruptedException {
            try {
                return run(spec.commandLine().getOut());
            } catch (final IllegalArgumentException | InvalidManifestException ex) {
                spec.commandLine().getErr().println("saccade-k8s: " + ex.getMessage());
                return INVALID;
            } catch (final DeployException | PlacementException ex) {
                spec.commandLine().getErr().println("saccade-k8s: " + ex.getMessage());
                return FAILED;
            }
        }

        abstract int run(PrintWriter out) throws DeployException, PlacementException, InvalidManifestException,
            InterruptedException;

        Map<String, List<String>> plan(final List<Placement.NodeSlots> nodes) throws PlacementException {
            return Placement.plan(nodes, tool.demands());
        }

        static void print(final PrintWriter out, final Map<String, List<String>> plan) {
            out.printf("%-20s %s%n", "NODE", "MODELS");
            plan.forEach((node, models) -> out.printf("%-20s %s%n", node, models.isEmpty() ? "-"
                : String.join(",", models)));
        }
    }

    /** Prints where every model would go. */
    @Command(name = "plan", description = "Print which models go on which arm64 nodes; changes nothing.")
    static final class Plan extends Step {
        @Override
        int run(final PrintWriter out) throws DeployException, PlacementException {
            print(out, plan(tool.deployer().nodes()));
            return 0;
        }
    }

    /** Labels the nodes with the plan. */
    @Command(name = "label", description = "Label the nodes with the models placed on them (saccade.io/model.<model>"
        + "=pinned) and remove model labels the plan no longer has.")
    static final class Label extends Step {
        @Override
        int run(final PrintWriter out) throws DeployException, PlacementException {
            final Deployer deployer = tool.deployer();
            final Map<String, List<String>> plan = plan(deployer.nodes());
            print(out, plan);
            final Map<String, List<String>> changes = deployer.label(plan);
            changes.forEach((node, changed) -> out.println("labelled " + node + ": " + String.join(" ", changed)));
            if (changes.isEmpty()) {
                out.println("labels already match the plan");
            }
            return 0;
        }
    }

    /** Applies rendered manifests and waits for the rollout. */
    @Command(name = "apply", description = "Check and apply rendered manifests (kubectl kustomize k8s-arm/deploy/"
        + "base | saccade-k8s apply -f -), filling in the preprocess peers, then wait for the rollout.")
    static final class Apply extends Step {
        @Option(names = {"-f", "--filename"}, required = true, paramLabel = "FILE",
            description = "Rendered manifests, or - for standard input.")
        String file;
        @Option(names = "--wait", defaultValue = "300", paramLabel = "SECONDS",
            description = "How long to wait for every pod to be ready; 0 does not wait (default ${DEFAULT-VALUE}).")
        long waitSeconds;

        @Override
        int run(final PrintWriter out) throws DeployException, PlacementException, InvalidManifestException,
            InterruptedException {
            final List<HasMetadata> resources = new Manifests().parse(read(), "-".equals(file) ? "stdin" : file);
            final Deployer deployer = tool.deployer();
            final List<Placement.NodeSlots> nodes = deployer.nodes();
            plan(nodes); // refuse to deploy what cannot be placed
            deployer.apply(resources, nodes).forEach(out::println);
            if (waitSeconds <= 0) {
                return 0;
            }
            out.println("waiting up to " + waitSeconds + " s for the rollout");
            out.flush();
            final String waiting = deployer.awaitRollout(Duration.ofSeconds(waitSeconds));
            out.print(deployer.status());
            if (waiting != null) {
                spec.commandLine().getErr().println("saccade-k8s: not ready after " + waitSeconds + " s: " + waiting);
                return NOT_READY;
            }
            out.println("all ready");
            return 0;
        }

        private String read() throws InvalidManifestException {
            try {
                return "-".equals(file) ? new String(System.in.readAllBytes(), StandardCharsets.UTF_8)
                    : Files.readString(Path.of(file));
            } catch (final IOException ex) {
                throw new InvalidManifestException("cannot read " + file + ": " + ex.getMessage(), ex);
            }
        }
    }

    /** Prints the per-node status. */
    @Command(name = "status", description = "Per node: architecture, readiness, models pinned, Saccade pods ready, "
        + "restarts.")
    static final class Status extends Step {
        @Override
        int run(final PrintWriter out) throws DeployException {
            out.print(tool.deployer().status());
            return 0;
        }
    }
}

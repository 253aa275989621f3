package io.saccade.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** A user whose RBAC role may not read nodes gets a message that says so, not a stack trace. */
@EnableKubernetesMockClient
class RbacDeniedTest {
    static KubernetesMockServer server;
    static KubernetesClient client;

    @Test
    void shouldSayWhatTheClusterRefused() {
        server.expect().get().withPath("/api/v1/nodes").andReturn(403, new StatusBuilder().withCode(403)
            .withReason("Forbidden").withMessage("nodes is forbidden: User \"ci\" cannot list resource \"nodes\"")
            .build()).always();
        final StringWriter err = new StringWriter();
        final CommandLine line = new CommandLine(new SaccadeK8s(() -> client));
        line.setErr(new PrintWriter(err, true));
        line.setOut(new PrintWriter(new OutputStreamWriter(System.out), true));

        assertEquals(SaccadeK8s.FAILED, line.execute("plan"));

        assertTrue(err.toString().startsWith("saccade-k8s: the cluster refused to list nodes (HTTP 403): RBAC does "
            + "not allow it for this user"), err.toString());
    }
}

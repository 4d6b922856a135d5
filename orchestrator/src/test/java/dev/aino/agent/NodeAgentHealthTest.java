package dev.aino.agent;

import static dev.aino.agent.AgentHarness.spec;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aino.model.Event;
import dev.aino.model.EventType;
import dev.aino.model.HealthCheck;
import dev.aino.model.Instance;
import dev.aino.model.InstancePhase;
import dev.aino.model.RestartPolicy;
import dev.aino.model.Workload;
import dev.aino.testing.Await;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Health checks decide readiness and restart containers that keep failing them. */
class NodeAgentHealthTest {
  private AgentHarness h;
  private ServerSocket server;

  @AfterEach
  void tearDown() throws IOException {
    if (h != null) {
      h.close();
    }
    if (server != null) {
      server.close();
    }
  }

  @Test
  void aFailingHttpCheckRecordsUnhealthyAndRestartsTheContainer() throws IOException {
    h = AgentHarness.start();
    int port = closedPort();
    HealthCheck check =
        new HealthCheck(HealthCheck.Type.HTTP, List.of(), "/healthz", port, 1, 1, 2, 0);
    Workload web = h.workload("web", spec("sleep", "3600").healthCheck(check).build());

    Instance instance = h.schedule(web, "a1");
    Event unhealthy = h.awaitEvent(instance.id(), "Unhealthy");
    Instance restarted = h.await(instance.id(), "restarted", i -> i.restartCount() >= 1);

    assertThat(unhealthy.type()).isEqualTo(EventType.WARNING);
    assertThat(unhealthy.message())
        .contains("health check failed 2 times in a row")
        .contains("HTTP GET http://127.0.0.1:" + port + "/healthz failed")
        .contains("restarting container");
    assertThat(restarted.ready()).isFalse();
    assertThat(restarted.exitCode()).isEqualTo(143);
  }

  @Test
  void aPassingTcpCheckMakesTheInstanceReady() throws IOException {
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    h = AgentHarness.start();
    List<Instance> history = h.history();
    HealthCheck check =
        new HealthCheck(HealthCheck.Type.TCP, List.of(), null, server.getLocalPort(), 1, 1, 3, 0);
    Workload web = h.workload("web", spec("sleep", "3600").healthCheck(check).build());

    Instance ready = h.await(h.schedule(web, "a1").id(), "ready", Instance::ready);

    assertThat(ready.phase()).isEqualTo(InstancePhase.RUNNING);
    assertThat(ready.restartCount()).isZero();
    Instance firstRunning =
        Await.value(
            "the first Running version in the watched history",
            () ->
                history.stream()
                    .filter(i -> i.phase() == InstancePhase.RUNNING)
                    .findFirst()
                    .orElse(null));
    assertThat(firstRunning.ready()).as("ready only after the first check passed").isFalse();
  }

  @Test
  void aPassingCommandCheckRunsInsideTheContainer() {
    h = AgentHarness.start();
    HealthCheck check =
        new HealthCheck(HealthCheck.Type.COMMAND, List.of("true"), null, 0, 1, 1, 1, 0);
    Workload web = h.workload("web", spec("sleep", "3600").healthCheck(check).build());

    Instance ready = h.await(h.schedule(web, "a1").id(), "ready", Instance::ready);

    assertThat(ready.restartCount()).isZero();
  }

  @Test
  void aFailingCheckUnderRestartPolicyNeverFailsTheInstanceAsUnhealthy() {
    h = AgentHarness.start();
    HealthCheck check =
        new HealthCheck(
            HealthCheck.Type.COMMAND,
            List.of("sh", "-c", "echo sick >&2; exit 1"),
            null,
            0,
            1,
            1,
            1,
            0);
    Workload web =
        h.workload(
            "web",
            spec("sleep", "3600").healthCheck(check).restartPolicy(RestartPolicy.NEVER).build());

    Instance failed = h.awaitPhase(h.schedule(web, "a1").id(), InstancePhase.FAILED);

    assertThat(failed.reason()).isEqualTo("Unhealthy");
    assertThat(failed.message()).contains("failed its health check 1 time(s) in a row");
    assertThat(h.awaitEvent(failed.id(), "Unhealthy").message())
        .contains("exited with code 1: sick");
    assertThat(h.runtime.list()).singleElement();
  }

  /** A loopback port nothing listens on. */
  private static int closedPort() throws IOException {
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return probe.getLocalPort();
    }
  }
}

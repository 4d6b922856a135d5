package dev.aino.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aino.model.RestartPolicy;
import dev.aino.model.WorkloadSpec;
import dev.aino.server.testing.NodeProject;
import dev.aino.server.testing.TestServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent examples of {@code examples/agents} run as a user runs them (Node, the official MCP
 * SDK, the published command line) against a real server, and report what they should. Needs Node
 * 20+ and npm; fails (never skips) without them.
 */
class AgentExamplesTest {
  private static final NodeProject EXAMPLES = new NodeProject(Path.of("..", "examples", "agents"));
  private static final String TOKEN = "agent-examples-token";

  @TempDir Path dataDir;

  private static NodeProject.Result onCall(AinoServer server) throws Exception {
    return EXAMPLES.run(
        List.of("env", "AINO_TOKEN=" + TOKEN, "node", "on-call.mjs", server.baseUri().toString()),
        120);
  }

  @Test
  @Timeout(300)
  void theOnCallAgentExplainsWhatIsWrongAndThenThatAllIsWell() throws Exception {
    EXAMPLES.installed();
    try (AinoServer server = TestServer.start(dataDir, Map.of("AINO_TOKEN", TOKEN))) {
      server
          .service()
          .apply(
              "crasher",
              WorkloadSpec.builder("busybox:1.36")
                  .command(List.of("sh", "-c", "exit 3"))
                  .restartPolicy(RestartPolicy.ALWAYS)
                  .build());
      server
          .service()
          .apply(
              "too-big", WorkloadSpec.builder("busybox:1.36").resources(100, 512L * 1024).build());
      awaitRestarts(server, "crasher");

      NodeProject.Result troubled = onCall(server);
      assertThat(troubled.exitCode()).as(troubled.output()).isEqualTo(1);
      assertThat(troubled.output())
          .contains("cluster: 1/1 node(s) ready, 2 workload(s)")
          .contains("crasher: ")
          .contains("exit 3")
          .contains("too-big: ")
          .contains("pending: ")
          .contains("insufficient memory")
          .contains("next: ");

      server.service().delete("crasher");
      server.service().delete("too-big");
      awaitGone(server);
      NodeProject.Result calm = onCall(server);
      assertThat(calm.exitCode()).as(calm.output()).isZero();
      assertThat(calm.output()).contains("every workload is healthy");
    }
  }

  private static void awaitRestarts(AinoServer server, String workload)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (server.store().instancesOf(workload).stream().noneMatch(i -> i.restartCount() > 0)) {
      assertThat(System.nanoTime()).as("a restart of " + workload).isLessThan(deadline);
      Thread.sleep(50);
    }
  }

  private static void awaitGone(AinoServer server) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!server.store().workloads().isEmpty()) {
      assertThat(System.nanoTime()).as("the workloads to go").isLessThan(deadline);
      Thread.sleep(50);
    }
  }
}

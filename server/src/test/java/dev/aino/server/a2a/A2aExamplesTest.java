package dev.aino.server.a2a;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aino.api.PageRequest;
import dev.aino.server.AinoServer;
import dev.aino.server.testing.NodeProject;
import dev.aino.server.testing.TestServer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The A2A examples of {@code examples/a2a} run as a user runs them against a real server: the
 * official JavaScript SDK (@a2a-js/sdk 1.3.0, pinned by the lockfile) and the same steps with curl
 * and jq. Each reads the card, deploys and follows to completion, streams a scale, answers a
 * question, cancels and deletes with confirmation; {@code push.mjs} has its webhook pushed to.
 * Needs Node 20+, npm, curl and jq; fails (never skips) without them.
 */
class A2aExamplesTest {
  private static final Path DIR = Path.of("..", "examples", "a2a");
  private static final NodeProject EXAMPLES = new NodeProject(DIR);
  private static final String TOKEN = "a2a-examples-token";

  @TempDir static Path dataDir;

  private static AinoServer server;

  @BeforeAll
  static void start() {
    server =
        TestServer.start(
            dataDir, Map.of("AINO_TOKEN", TOKEN), "--a2a-push-allowed-host", "127.0.0.1");
    server.intents().warmUp();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static NodeProject.Result run(String... command) throws Exception {
    List<String> env =
        List.of(
            "env",
            "AINO_URL=" + server.baseUri().toString().replaceAll("/$", ""),
            "AINO_TOKEN=" + TOKEN);
    return EXAMPLES.run(
        java.util.stream.Stream.concat(env.stream(), List.of(command).stream()).toList(), 180);
  }

  private static void assertSteps(NodeProject.Result r, String name) {
    assertThat(r.exitCode()).as(r.output()).isZero();
    assertThat(r.output())
        .contains("card: aino ")
        .contains("deploy, scale, autoscale, status, logs, node-maintenance")
        .contains("deployed: ")
        .contains("(spec: 2 x busybox:1.36)")
        .contains("TASK_STATE_WORKING: ")
        .contains("/3 running")
        .contains("TASK_STATE_COMPLETED: ")
        .contains("asked: ")
        .contains("answered: ")
        .contains("canceled: Canceled: stopped following " + name + "-huge")
        .contains("Already applied")
        .contains("deleted: ")
        .endsWith("ok\n");
    if (r.output().contains("tasks in context: ")) {
      assertThat(r.output())
          .contains("tasks in context: TASK_STATE_COMPLETED")
          .doesNotContain("tasks in context: \n");
    }
    assertThat(server.service().workloads(PageRequest.first(100)).items())
        .noneMatch(s -> s.workload().name().startsWith(name) && !s.workload().isDeleting());
  }

  @Test
  @Timeout(400)
  void theOfficialJavaScriptSdkDeploysFollowsScalesIsAskedCancelsAndDeletes() throws Exception {
    EXAMPLES.installed();
    assertSteps(run("node", "deploy-follow-scale.mjs", "a2a-js"), "a2a-js");
  }

  @Test
  @Timeout(400)
  void theSdksA2a03TransportDeploysStreamsGetsConfirmsAndIsRefusedACancel() throws Exception {
    EXAMPLES.installed();
    NodeProject.Result r = run("node", "compat-0.3.mjs", "a2a-legacy");
    assertThat(r.exitCode()).as(r.output()).isZero();
    assertThat(r.output())
        .contains("protocol 0.3 at " + server.baseUri().resolve("/a2a"))
        .contains("deployed: done: deploy a2a-legacy")
        .contains("TASK_STATE_WORKING: ")
        .contains("TASK_STATE_COMPLETED: ")
        .contains("got: ")
        .contains("asked: ")
        .contains("deleted: done: delete a2a-legacy")
        .contains("cancel refused: ")
        .endsWith("ok\n");
  }

  @Test
  @Timeout(400)
  void theOfficialJavaScriptSdkSetsPushConfigsAndItsWebhookGetsTheTaskUntilCompleted()
      throws Exception {
    EXAMPLES.installed();
    NodeProject.Result r = run("node", "push.mjs", "a2a-push");
    assertThat(r.exitCode()).as(r.output()).isZero();
    assertThat(r.output())
        .contains("webhook: http://127.0.0.1:")
        .containsPattern("pushed for [0-9a-f-]+: TASK_STATE_SUBMITTED > .*TASK_STATE_WORKING")
        .contains("TASK_STATE_COMPLETED")
        .contains("pushed spec: 2 x busybox:1.36")
        .contains("got: audit ")
        .contains("configs: deploy, audit")
        .contains("after delete: deploy\n")
        .endsWith("ok\n");
  }

  @Test
  @Timeout(200)
  void theCurlExampleDoesTheSame() throws Exception {
    assertSteps(run("bash", "deploy-follow-scale.sh", "a2a-sh"), "a2a-sh");
  }
}

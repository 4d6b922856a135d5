package dev.aino.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aino.server.AinoServer;
import dev.aino.server.testing.TestServer;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code aino intent} against a real server: plan, the y/N prompt, --yes and --dry-run. */
class IntentCommandTest {
  @TempDir static Path dataDir;

  private static AinoServer server;
  private static Map<String, String> env;

  @BeforeAll
  static void start() {
    server = TestServer.start(dataDir, Map.of());
    env = Map.of("AINO_SERVER", server.baseUri().toString());
    server.intents().warmUp();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static CliRun aino(String stdin, String... args) {
    return CliRun.typing(env, stdin, args);
  }

  @Test
  void printsThePlanAndAppliesOnlyAfterY() {
    CliRun no = aino("n\n", "intent", "run 2 copies of busybox:1.36 called cli-web");
    assertThat(no.out()).contains("would deploy cli-web").contains("Apply? [y/N]");
    assertThat(no.err()).contains("Not applied");
    assertThat(no.exitCode()).isEqualTo(1);
    assertThat(server.service().workloads(dev.aino.api.PageRequest.first(100)).items())
        .noneMatch(s -> s.workload().name().equals("cli-web"));

    CliRun y = aino("y\n", "intent", "run 2 copies of busybox:1.36 called cli-web");
    assertThat(y.exitCode()).as(y.err()).isZero();
    assertThat(y.out()).contains("done: deploy cli-web");
    assertThat(server.service().workload("cli-web").desired()).isEqualTo(2);
  }

  @Test
  void yesSkipsThePromptEvenForADeleteAndDryRunChangesNothing() {
    aino("", "intent", "--yes", "deploy busybox:1.36 named cli-gone");
    CliRun dry = aino("", "intent", "--dry-run", "delete", "cli-gone");
    assertThat(dry.exitCode()).isZero();
    assertThat(dry.out()).contains("would delete cli-gone").doesNotContain("Apply?");
    assertThat(server.service().workload("cli-gone").workload().isDeleting()).isFalse();

    CliRun deleted = aino("", "intent", "--yes", "delete cli-gone");
    assertThat(deleted.exitCode()).as(deleted.err()).isZero();
    // Deleting, or already gone: the simulated instances stop at once.
    assertThat(server.service().workloads(dev.aino.api.PageRequest.first(100)).items())
        .noneMatch(w -> w.workload().name().equals("cli-gone") && !w.workload().isDeleting());
  }

  @Test
  void answersQuestionsAndReportsRejections() {
    CliRun list = aino("", "intent", "what workloads are running?");
    assertThat(list.exitCode()).isZero();
    CliRun rejected = aino("", "intent", "--yes", "scale cli-nothing-here to 3");
    assertThat(rejected.exitCode()).isEqualTo(1);
    assertThat(rejected.err()).contains("rejected: workload:");
  }
}

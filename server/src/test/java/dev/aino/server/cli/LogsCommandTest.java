package dev.aino.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aino.api.InstanceFilter;
import dev.aino.json.Json;
import dev.aino.model.Instance;
import dev.aino.model.InstancePhase;
import dev.aino.server.AinoServer;
import dev.aino.server.Main;
import dev.aino.server.client.AinoClient;
import dev.aino.server.testing.Instances;
import dev.aino.server.testing.TestServer;
import dev.aino.testing.Await;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code aino logs} in process against a real server with the simulated runtime. */
class LogsCommandTest {
  @TempDir static Path dataDir;

  private static AinoServer server;
  private static Map<String, String> env;

  @BeforeAll
  static void start() {
    server = TestServer.start(dataDir, Map.of());
    env = Map.of("AINO_SERVER", server.baseUri().toString());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static CliRun aino(String... args) {
    return CliRun.of(env, args);
  }

  private static List<Instance> running(String name, int replicas, String script, String memory)
      throws Exception {
    String manifest =
        "{\"name\":\""
            + name
            + "\",\"spec\":{\"image\":\"busybox\",\"command\":[\"sh\",\"-c\",\""
            + script
            + "\"],\"replicas\":"
            + replicas
            + ",\"restartPolicy\":\"NEVER\",\"resources\":{\"cpuMillis\":10,\"memoryMiB\":"
            + memory
            + "}}}";
    new AinoClient(server.baseUri(), null).apply(Json.mapper().readTree(manifest));
    if (replicas == 0) {
      return List.of();
    }
    Await.until(
        name + " to run",
        () ->
            server.service().instances(InstanceFilter.ofWorkload(name)).stream()
                    .filter(i -> i.phase() == InstancePhase.RUNNING)
                    .count()
                == replicas);
    return server.service().instances(InstanceFilter.ofWorkload(name));
  }

  @Test
  // Reads a stream that a broken follow would keep open: fail after a minute instead of hanging.
  @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void printsAnInstancesLinesWithStderrOnStderr() throws Exception {
    Instance i = running("lc-one", 1, "echo a; echo b; echo c >&2; sleep infinity", "8").get(0);

    CliRun all = aino("logs", i.id());
    assertThat(all.exitCode()).isZero();
    assertThat(all.out()).isEqualTo("a\nb\n");
    assertThat(all.err()).isEqualTo("c\n");

    CliRun tail = aino("logs", i.id(), "--tail", "2", "--timestamps");
    assertThat(tail.out().lines()).singleElement().asString().matches("\\d{4}-\\d\\d-\\d\\dT.*Z b");
    assertThat(tail.err().lines()).singleElement().asString().endsWith("Z c");

    CliRun recent = aino("logs", i.id(), "--since", "1h");
    assertThat(recent.out()).isEqualTo("a\nb\n");
    CliRun future = aino("logs", i.id(), "--since", "2999-01-01T00:00:00Z");
    assertThat(future.out()).isEmpty();

    CliRun json = aino("logs", i.id(), "-o", "json");
    assertThat(Json.mapper().readTree(json.out()).path("lines")).hasSize(3);
  }

  @Test
  // Reads a stream that a broken follow would keep open: fail after a minute instead of hanging.
  @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void followPrintsNewLinesUntilTheContainerEnds() throws Exception {
    Instance i = running("lc-follow", 1, "echo one; sleep 1; echo two; exit 0", "8").get(0);

    CliRun followed = aino("logs", "-f", i.id());
    assertThat(followed.exitCode()).isZero();
    assertThat(followed.out()).isEqualTo("one\ntwo\n");
  }

  @Test
  // Reads a stream that a broken follow would keep open: fail after a minute instead of hanging.
  @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void aWorkloadsLogsArePrefixedByInstance() throws Exception {
    List<Instance> instances = running("lc-many", 2, "echo hello; sleep infinity", "8");

    CliRun run = aino("logs", "lc-many");
    assertThat(run.exitCode()).isZero();
    assertThat(run.out().lines())
        .containsExactlyInAnyOrder(
            instances.get(0).id() + " | hello", instances.get(1).id() + " | hello");
  }

  @Test
  // Reads a stream that a broken follow would keep open: fail after a minute instead of hanging.
  @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void followingAWorkloadTakesInInstancesThatStartMeanwhileAndEndsWhenNoneRuns() throws Exception {
    Instance first = running("lc-grow", 1, "echo hi; sleep 3; echo bye; exit 0", "8").get(0);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CompletableFuture<Integer> followed =
        CompletableFuture.supplyAsync(
            () ->
                Main.run(
                    env,
                    InputStream.nullInputStream(),
                    new PrintWriter(out),
                    new PrintWriter(err),
                    "logs",
                    "-f",
                    "lc-grow"));
    Await.until("the follow to print hi", () -> out.toString().contains(first.id() + " | hi"));

    server.service().scale("lc-grow", 2);

    assertThat(followed.get(30, TimeUnit.SECONDS)).as(err.toString()).isZero();
    Instance second =
        server.service().instances(InstanceFilter.ofWorkload("lc-grow")).stream()
            .filter(i -> !i.id().equals(first.id()))
            .findFirst()
            .orElseThrow();
    assertThat(out.toString().lines())
        .containsExactlyInAnyOrder(
            first.id() + " | hi",
            first.id() + " | bye",
            second.id() + " | hi",
            second.id() + " | bye");
    assertThat(err.toString()).contains(second.id() + " | (started; following it)");
  }

  @Test
  void followingAWorkloadWithTailZeroPrintsOnlyNewLines() throws Exception {
    List<Instance> instances = running("lc-tail0", 2, "echo old; sleep 3; echo new; exit 0", "8");
    for (Instance i : instances) {
      Await.until("old to be written", () -> aino("logs", i.id()).out().equals("old\n"));
    }

    CliRun followed = aino("logs", "-f", "--tail", "0", "lc-tail0");

    assertThat(followed.exitCode()).as(followed.err()).isZero();
    assertThat(followed.out().lines())
        .containsExactlyInAnyOrder(
            instances.get(0).id() + " | new", instances.get(1).id() + " | new");
  }

  @Test
  void followingAWorkloadPrintsItsBacklogMergedByTimeAndTailPerInstance() throws Exception {
    List<Instance> instances =
        running("lc-merge", 2, "echo zero; echo first; sleep 1; echo second; sleep 2; exit 0", "8");
    for (Instance i : instances) {
      Await.until("second to be written", () -> aino("logs", i.id()).out().endsWith("second\n"));
    }

    CliRun followed = aino("logs", "-f", "--tail", "2", "lc-merge");

    assertThat(followed.exitCode()).as(followed.err()).isZero();
    assertThat(followed.out().lines())
        .extracting(l -> l.substring(l.indexOf("| ") + 2))
        .containsExactly("first", "first", "second", "second");
  }

  @Test
  void nothingPrintedOnTheSimulatedRuntimeIsExplained() throws Exception {
    Instance i = running("lc-silent", 1, "sleep infinity", "8").get(0);

    CliRun one = aino("logs", i.id());
    assertThat(one.exitCode()).isZero();
    assertThat(one.out()).isEmpty();
    assertThat(one.err())
        .contains("(no output: node " + i.node() + " runs the simulated runtime")
        .contains("starts no process");

    CliRun ofWorkload = aino("logs", "lc-silent");
    assertThat(ofWorkload.err()).contains("runs the simulated runtime");

    CliRun filtered = aino("logs", i.id(), "--tail", "0");
    assertThat(filtered.err()).isEmpty();
  }

  @Test
  void unknownNamesAndUnstartedInstancesAreExplained() throws Exception {
    CliRun unknown = aino("logs", "nothing-here");
    assertThat(unknown.exitCode()).isEqualTo(1);
    assertThat(unknown.err()).contains("no instance or workload named \"nothing-here\"");

    running("lc-big", 0, "echo never", "60000000");
    server.service().scale("lc-big", 1);
    Instance pending = Instances.awaitUnschedulable(server, "lc-big");
    CliRun notStarted = aino("logs", pending.id());
    assertThat(notStarted.exitCode()).isEqualTo(1);
    assertThat(notStarted.err())
        .contains(pending.id())
        .contains("has not started yet (phase Pending: " + pending.reason());

    CliRun ofWorkload = aino("logs", "lc-big");
    assertThat(ofWorkload.err()).contains(pending.id()).contains("not started: PENDING");
  }
}

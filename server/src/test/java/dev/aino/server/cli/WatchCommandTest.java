package dev.aino.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aino.json.Json;
import dev.aino.server.AinoServer;
import dev.aino.server.Main;
import dev.aino.server.client.AinoClient;
import dev.aino.server.client.WatchedChanges;
import dev.aino.server.testing.TestServer;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code aino watch} in process against a real server with the simulated runtime. */
// Each case reads a stream that a broken watch would keep open: fail instead of hanging.
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class WatchCommandTest {
  @TempDir static Path dataDir;

  private static AinoServer server;
  private static Map<String, String> env;
  private static AinoClient client;

  @BeforeAll
  static void start() {
    server = TestServer.start(dataDir, Map.of());
    env = Map.of("AINO_SERVER", server.baseUri().toString());
    client = new AinoClient(server.baseUri(), null);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static CliRun aino(String... args) {
    return CliRun.of(env, args);
  }

  /** Applies a workload of {@code replicas}; returns the store revision it was written at. */
  private static long apply(String name, int replicas) throws Exception {
    return apply(client, name, replicas, 10);
  }

  private static long apply(AinoClient to, String name, int replicas, int cpuMillis)
      throws Exception {
    String manifest =
        "{\"name\":\""
            + name
            + "\",\"spec\":{\"image\":\"busybox\",\"replicas\":"
            + replicas
            + ",\"resources\":{\"cpuMillis\":"
            + cpuMillis
            + ",\"memoryMiB\":8}}}";
    return to.apply(Json.mapper().readTree(manifest)).workload().revision();
  }

  @Test
  void printsEachChangeAsARowFromTheRevisionAskedFor() throws Exception {
    long revision = apply("wc-rows", 2);

    CliRun run =
        aino("watch", "--since", Long.toString(revision), "--kinds", "workload", "--count", "1");

    assertThat(run.exitCode()).isZero();
    List<String> lines = run.out().lines().toList();
    assertThat(lines.get(0)).matches("TIME +KIND +NAME +CHANGE");
    assertThat(lines).hasSize(2);
    assertThat(lines.get(1))
        .matches("\\d\\d:\\d\\d:\\d\\d +workload +wc-rows +generation 1, 2 replicas");
  }

  @Test
  void asJsonEachChangeIsALineWithItsTypeAndTheStoredObject() throws Exception {
    long revision = apply("wc-json", 1);

    // The instance is created, then placed and run: the first changes of it after the apply.
    CliRun run =
        aino(
            "watch",
            "--since",
            Long.toString(revision),
            "--kinds",
            "instance",
            "--count",
            "2",
            "-o",
            "json");

    assertThat(run.exitCode()).isZero();
    List<String> lines = run.out().lines().toList();
    assertThat(lines).hasSize(2);
    for (String line : lines) {
      JsonNode change = Json.mapper().readTree(line);
      assertThat(change.path("type").asText()).isEqualTo("put");
      assertThat(change.path("kind").asText()).isEqualTo("instance");
      assertThat(change.path("revision").asLong()).isGreaterThan(revision);
      assertThat(change.path("object").path("workload").asText()).isEqualTo("wc-json");
      assertThat(change.path("name").asText()).isEqualTo(change.path("object").path("id").asText());
    }
  }

  @Test
  void aCursorResumesRightAfterTheChangeItNames() throws Exception {
    long revision = apply("wc-resume", 0);
    apply("wc-resume", 1);
    apply("wc-resume", 2);

    String cursor;
    try (WatchedChanges first = client.watch(List.of("workload"), revision, null)) {
      WatchedChanges.Change change = first.next();
      assertThat(change.name()).isEqualTo("wc-resume");
      assertThat(change.data().path("object").path("spec").path("replicas").asInt()).isZero();
      cursor = first.cursor();
    }
    try (WatchedChanges resumed = client.watch(List.of("workload"), null, cursor)) {
      WatchedChanges.Change next = resumed.next();
      assertThat(next.type()).isEqualTo(WatchedChanges.Type.PUT);
      assertThat(next.revision()).isGreaterThan(revision);
      assertThat(next.data().path("object").path("spec").path("replicas").asInt()).isEqualTo(1);
    }
  }

  @Test
  void aStartTheStoreCannotServeEndsWithWhatToDo() {
    CliRun run = aino("watch", "--since", "999999999");

    assertThat(run.exitCode()).isEqualTo(CliErrors.FAILURE);
    assertThat(run.err()).contains("cannot go on from here", "list again", "--since");
  }

  @Test
  void badOptionsAreRefusedNamingThem() {
    CliRun kind = aino("watch", "--kinds", "pods");
    assertThat(kind.exitCode()).isNotZero();
    assertThat(kind.err()).contains("kinds", "pods").doesNotContain("Exception", "\tat ");
    assertThat(kind.out()).isEmpty();

    CliRun count = aino("watch", "--count", "0");
    assertThat(count.exitCode()).isNotZero();
    assertThat(count.err()).contains("--count", "1 or more");

    CliRun since = aino("watch", "--since", "0");
    assertThat(since.exitCode()).isNotZero();
    assertThat(since.err()).contains("--since", "1 or more");
  }

  @Test
  void aWatchWhoseServerRestartsResumesThenSaysTheNewStoreCannotGoOn(@TempDir Path otherDir)
      throws Exception {
    AinoServer first = TestServer.start(otherDir.resolve("first"), Map.of());
    int port = first.baseUri().getPort();
    AinoClient firstClient = new AinoClient(first.baseUri(), null);
    // Far ahead of any revision the restarted server's new memory store reaches in the test.
    for (int cpu = 10; cpu < 70; cpu++) {
      apply(firstClient, "wc-restart", 0, cpu);
    }
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    java.util.concurrent.CompletableFuture<Integer> watch =
        java.util.concurrent.CompletableFuture.supplyAsync(
            () ->
                Main.run(
                    Map.of("AINO_SERVER", first.baseUri().toString()),
                    InputStream.nullInputStream(),
                    new PrintWriter(out, true),
                    new PrintWriter(err, true),
                    "watch",
                    "--kinds",
                    "workload"));
    AinoServer second = null;
    java.util.concurrent.atomic.AtomicInteger tries =
        new java.util.concurrent.atomic.AtomicInteger(10);
    try {
      // Until the watch has printed a change, it may not be connected yet.
      dev.aino.testing.Await.until(
          "the watch to print a change",
          () -> {
            try {
              // Each time another spec: an apply that changes nothing is no change.
              apply(firstClient, "wc-restart-seen", 0, tries.incrementAndGet());
            } catch (Exception e) {
              throw new IllegalStateException(e);
            }
            return out.toString().contains("wc-restart-seen");
          });
      first.close();
      second =
          TestServer.start(otherDir.resolve("second"), Map.of(), "--port", Integer.toString(port));

      assertThat(watch.get(30, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(CliErrors.FAILURE);
      assertThat(err.toString()).contains("cannot go on from here", "--since");
    } finally {
      watch.cancel(true);
      first.close();
      if (second != null) {
        second.close();
      }
    }
  }

  @Test
  void summariesSayWhatChangedInAFewWords() throws Exception {
    assertThat(WatchCommand.summary(change("delete", "{\"kind\":\"instance\",\"name\":\"w-1\"}")))
        .isEqualTo("deleted");
    assertThat(
            WatchCommand.summary(
                change(
                    "put",
                    "{\"kind\":\"instance\",\"object\":{\"phase\":\"FAILED\",\"node\":\"n1\","
                        + "\"reason\":\"ImagePullFailed\"}}")))
        .isEqualTo("FAILED on n1 (ImagePullFailed)");
    assertThat(
            WatchCommand.summary(
                change(
                    "put",
                    "{\"kind\":\"event\",\"object\":{\"type\":\"WARNING\",\"reason\":\"BackOff\","
                        + "\"count\":3,\"message\":\"restarting in 4 s\"}}")))
        .isEqualTo("WARNING BackOff (x3): restarting in 4 s");
    assertThat(
            WatchCommand.summary(
                change(
                    "put",
                    "{\"kind\":\"node\",\"object\":{\"status\":\"READY\",\"schedulable\":false}}")))
        .isEqualTo("READY, cordoned");
  }

  private static WatchedChanges.Change change(String type, String data) throws Exception {
    return new WatchedChanges.Change(
        WatchedChanges.Type.valueOf(type.toUpperCase(java.util.Locale.ROOT)),
        Json.mapper().readTree(data));
  }
}

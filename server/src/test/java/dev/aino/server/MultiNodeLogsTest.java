package dev.aino.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aino.api.InstanceFilter;
import dev.aino.api.InstanceLogs;
import dev.aino.api.InstanceUsage;
import dev.aino.api.PageRequest;
import dev.aino.error.AinoException;
import dev.aino.error.ErrorCode;
import dev.aino.json.Json;
import dev.aino.model.Instance;
import dev.aino.model.InstancePhase;
import dev.aino.runtime.LogLine;
import dev.aino.runtime.LogQuery;
import dev.aino.server.client.AinoClient;
import dev.aino.server.client.FollowedLog;
import dev.aino.server.testing.TestServer;
import dev.aino.testing.Await;
import dev.aino.testing.etcd.EtcdServer;
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

/**
 * Two {@code aino up} servers, each with its own node, sharing one real etcd: the logs and the
 * usage of an instance on either node are readable through either server (REST, facade, CLI), the
 * other server relaying with the cluster's token; an unreachable node is a clear UNAVAILABLE.
 */
class MultiNodeLogsTest {
  private static final String TOKEN = "multi-node-secret";

  @TempDir static Path dirA;
  @TempDir static Path dirB;

  private static EtcdServer etcd;
  private static AinoServer a;
  private static AinoServer b;

  @BeforeAll
  static void start() {
    etcd = new EtcdServer();
    etcd.start();
    a = node(dirA, "node-a");
    b = node(dirB, "node-b");
    Await.until(
        "both nodes to be registered with their addresses",
        () ->
            a.service().nodes(PageRequest.first(10)).items().stream()
                    .filter(n -> !n.node().address().isEmpty())
                    .count()
                == 2);
  }

  private static AinoServer node(Path dir, String name) {
    return TestServer.start(
        dir,
        Map.of("AINO_TOKEN", TOKEN),
        "--store",
        "etcd",
        "--etcd-endpoints",
        etcd.endpoint(),
        "--node-name",
        name,
        "--node-label",
        "zone=" + name);
  }

  @AfterAll
  static void stop() {
    for (AutoCloseable c : new AutoCloseable[] {a, b, etcd}) {
      try {
        if (c != null) {
          c.close();
        }
      } catch (Exception e) {
        // keep closing the rest
      }
    }
  }

  private static AinoClient client(AinoServer server) {
    return new AinoClient(server.baseUri(), TOKEN);
  }

  private static List<Instance> running(String workload, int count) {
    Await.until(
        workload + " to run " + count + " instance(s)",
        () ->
            a.service().instances(InstanceFilter.ofWorkload(workload)).stream()
                    .filter(i -> i.phase() == InstancePhase.RUNNING)
                    .count()
                == count);
    return a.service().instances(InstanceFilter.ofWorkload(workload)).stream()
        .filter(i -> i.phase() == InstancePhase.RUNNING)
        .toList();
  }

  private static void apply(String json) throws Exception {
    client(a).apply(Json.mapper().readTree(json));
  }

  /**
   * Applies {@code json} (replicas 2, SPREAD) as one replica first and the second once the first
   * runs, and returns the two running instances. Both servers run a controller on the one etcd
   * (until leader election makes one of them the only one): given both replicas at once, each
   * scheduler may place one before it has seen where the other went, and both land on node-a (seen
   * on CI). Placed one after the other, the second is placed knowing the first.
   */
  private static List<Instance> spreadOverBothNodes(String name, String json) throws Exception {
    apply(json.replace("\"replicas\":2", "\"replicas\":1"));
    running(name, 1);
    client(a).scale(name, 2);
    return running(name, 2);
  }

  @Test
  void readsTheUsageOfInstancesOnBothNodesThroughEitherServer() throws Exception {
    List<Instance> instances =
        spreadOverBothNodes(
            "busy",
            "{\"name\":\"busy\",\"spec\":{\"image\":\"busybox\",\"replicas\":2,"
                + "\"command\":[\"load\",\"cpu=30m\",\"memory=2Mi\"],"
                + "\"resources\":{\"cpuMillis\":100,\"memoryMiB\":8},"
                + "\"placement\":{\"strategy\":\"SPREAD\"}}}");
    assertThat(instances).extracting(Instance::node).containsExactlyInAnyOrder("node-a", "node-b");

    for (Instance instance : instances) {
      for (AinoServer server : List.of(a, b)) {
        InstanceUsage usage =
            Await.value(
                instance.id() + " measured through " + server.baseUri(),
                () -> {
                  InstanceUsage u = client(server).stats(instance.id());
                  return u.measured() ? u : null;
                });
        assertThat(usage.node()).isEqualTo(instance.node());
        assertThat(usage.containerId()).isEqualTo(instance.containerId());
        assertThat(usage.cpuMillis()).isEqualTo(30);
        assertThat(usage.cpuPercent()).isEqualTo(30);
        assertThat(usage.memoryBytes()).isEqualTo(2L * 1024 * 1024);
        assertThat(usage.memoryPercent()).isEqualTo(25);
      }
    }
    Await.until(
        "the status of busy to average both instances",
        () -> {
          var usage = b.service().workload("busy").usage();
          return usage != null && usage.instances() == 2 && usage.cpuPercent() == 30;
        });
  }

  @Test
  // Reads a stream that a broken follow would keep open: fail after a minute instead of hanging.
  @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void readsTheLogsOfInstancesOnBothNodesThroughEitherServer() throws Exception {
    List<Instance> instances =
        spreadOverBothNodes(
            "both",
            "{\"name\":\"both\",\"spec\":{\"image\":\"busybox\",\"replicas\":2,"
                + "\"command\":[\"sh\",\"-c\",\"echo started; echo oops >&2; sleep infinity\"],"
                + "\"resources\":{\"cpuMillis\":10,\"memoryMiB\":8},"
                + "\"placement\":{\"strategy\":\"SPREAD\"}}}");
    assertThat(instances).extracting(Instance::node).containsExactlyInAnyOrder("node-a", "node-b");

    for (Instance instance : instances) {
      for (AinoServer server : List.of(a, b)) {
        InstanceLogs logs = client(server).logs(instance.id(), LogQuery.all());
        assertThat(logs.node()).isEqualTo(instance.node());
        assertThat(logs.containerId()).isEqualTo(instance.containerId());
        assertThat(logs.lines()).extracting(LogLine::text).containsExactly("started", "oops");
        assertThat(logs.truncated()).isFalse();
      }
    }

    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        Main.run(
            Map.of("AINO_SERVER", a.baseUri().toString(), "AINO_TOKEN", TOKEN),
            java.io.InputStream.nullInputStream(),
            new PrintWriter(out),
            new PrintWriter(err),
            "logs",
            "both");
    assertThat(code).as(err.toString()).isZero();
    for (Instance instance : instances) {
      assertThat(out.toString()).contains(instance.id() + " | started");
      assertThat(err.toString()).contains(instance.id() + " | oops");
    }
  }

  @Test
  // Reads a stream that a broken follow would keep open: fail after a minute instead of hanging.
  @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void followsTheLogOfAnInstanceOnTheOtherNode() throws Exception {
    apply(
        "{\"name\":\"onb\",\"spec\":{\"image\":\"busybox\",\"replicas\":1,"
            + "\"command\":[\"sh\",\"-c\",\"echo one; sleep 1; echo two; sleep infinity\"],"
            + "\"resources\":{\"cpuMillis\":10,\"memoryMiB\":8},"
            + "\"placement\":{\"nodeSelector\":{\"zone\":\"node-b\"}}}}");
    Instance onB = running("onb", 1).get(0);
    assertThat(onB.node()).isEqualTo("node-b");

    try (FollowedLog log = client(a).followLogs(onB.id(), LogQuery.all())) {
      assertThat(log.next().text()).isEqualTo("one");
      assertThat(log.next().text()).isEqualTo("two"); // written a second after it started
    }
  }

  @Test
  void anUnreachableNodeIsUnavailableNamingNodeAndAddress() throws Exception {
    try (AinoServer c = node(dirB.resolve("c"), "node-c")) {
      apply(
          "{\"name\":\"onc\",\"spec\":{\"image\":\"busybox\",\"replicas\":1,"
              + "\"command\":[\"sh\",\"-c\",\"echo hi; sleep infinity\"],"
              + "\"resources\":{\"cpuMillis\":10,\"memoryMiB\":8},"
              + "\"placement\":{\"nodeSelector\":{\"zone\":\"node-c\"}}}}");
      Instance onC = running("onc", 1).get(0);
      String address = "127.0.0.1:" + c.port();
      c.close();

      assertThatThrownBy(() -> a.service().logs(onC.id(), LogQuery.all()))
          .isInstanceOf(AinoException.class)
          .satisfies(e -> assertThat(((AinoException) e).code()).isEqualTo(ErrorCode.UNAVAILABLE))
          .hasMessageContaining(onC.id())
          .hasMessageContaining("node node-c at " + address);
    } finally {
      // node-c stays Ready until its heartbeat is missed: keep the other tests' instances off it.
      a.service().cordon("node-c");
      a.service().delete("onc");
    }
  }
}

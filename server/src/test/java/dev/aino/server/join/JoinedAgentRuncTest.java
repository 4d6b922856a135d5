package dev.aino.server.join;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aino.api.InstanceFilter;
import dev.aino.json.Json;
import dev.aino.model.Instance;
import dev.aino.model.InstancePhase;
import dev.aino.server.AinoServer;
import dev.aino.server.Main;
import dev.aino.server.NodeSettings;
import dev.aino.server.RuntimeKind;
import dev.aino.server.client.AinoClient;
import dev.aino.server.http.BearerToken;
import dev.aino.server.http.HttpSettings;
import dev.aino.server.testing.TestBridge;
import dev.aino.server.testing.TestServer;
import dev.aino.testing.Await;
import dev.aino.testing.registry.RegistryServer;
import dev.aino.testing.registry.TestImages;
import dev.aino.testing.runc.RuncRoot;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A joined agent with a real OCI runtime (runc on Debian) beside a server with the simulated one: a
 * workload placed on the agent's node pulls busybox from a real {@code docker-registry} on loopback
 * and runs, and {@code aino logs} through the server prints the container's output, read from the
 * agent's own port. Needs root, runc, docker-registry and busybox-static, and fails saying which is
 * missing.
 */
class JoinedAgentRuncTest {
  private static final String TOKEN = "joined-agent-runc-token";
  private static final TestBridge BRIDGE = new TestBridge("j", 213);

  @RegisterExtension static final RegistryServer REGISTRY = new RegistryServer();

  @TempDir static Path tmp;

  private static AinoServer server;
  private static JoinedAgent agent;
  private static Path agentDir;
  private static String image;

  @BeforeAll
  static void start() throws Exception {
    RuncRoot.binary(); // fails first, saying what to install
    REGISTRY.pusher().push("busybox", "1", TestImages.busybox());
    image = REGISTRY.address() + "/busybox:1";
    server = TestServer.start(tmp.resolve("server"), "hub", Map.of("AINO_TOKEN", TOKEN));
    agentDir = tmp.resolve("agent");
    NodeSettings node =
        NodeSettings.local(
                "edge-runc",
                Map.of("pool", "edge"),
                RuntimeKind.AUTO,
                List.of(REGISTRY.address()),
                null,
                List.of())
            .withNetwork(BRIDGE.cidr(), BRIDGE.name());
    agent =
        JoinedAgent.start(
            new JoinedAgent.Settings(
                List.of(server.baseUri()),
                TOKEN,
                node,
                agentDir,
                new HttpSettings("127.0.0.1", 0, Optional.of(BearerToken.of(TOKEN))),
                null));
  }

  @AfterAll
  static void stop() throws Exception {
    try {
      if (server != null) {
        new AinoClient(server.baseUri(), TOKEN).delete("edge-echo");
        Await.until(
            "edge-echo's containers to stop",
            Duration.ofSeconds(30),
            () -> server.service().instances(InstanceFilter.ofWorkload("edge-echo")).isEmpty());
      }
    } finally {
      try {
        if (agent != null) {
          agent.close();
        }
        if (server != null) {
          server.close();
        }
      } finally {
        for (String point : mountsUnder(agentDir)) {
          new ProcessBuilder("umount", "-l", point)
              .inheritIO()
              .start()
              .waitFor(10, TimeUnit.SECONDS);
        }
        BRIDGE.close();
      }
    }
  }

  @Test
  void aWorkloadRunsOnTheAgentsRuncAndItsLogsReachTheCliThroughTheServer() throws Exception {
    new AinoClient(server.baseUri(), TOKEN)
        .apply(
            Json.mapper()
                .readTree(
                    "{\"name\":\"edge-echo\",\"spec\":{\"image\":\""
                        + image
                        + "\",\"replicas\":1,\"network\":\"HOST\",\"stopGracePeriodSeconds\":1,"
                        + "\"command\":[\"sh\",\"-c\",\"echo hello from runc on the edge;"
                        + " exec sleep 1000\"],"
                        + "\"resources\":{\"cpuMillis\":10,\"memoryMiB\":16},"
                        + "\"placement\":{\"nodeSelector\":{\"pool\":\"edge\"}}}}"));
    Instance running =
        Await.value(
            "edge-echo to run on edge-runc",
            Duration.ofSeconds(90),
            () ->
                server.service().instances(InstanceFilter.ofWorkload("edge-echo")).stream()
                    .filter(i -> i.phase() == InstancePhase.RUNNING)
                    .findFirst()
                    .orElse(null),
            () -> server.service().instances(InstanceFilter.ofWorkload("edge-echo")));
    assertThat(running.node()).isEqualTo("edge-runc");
    assertThat(server.service().node("edge-runc").node().runtime().name())
        .matches("youki|runc|crun");

    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    Await.until(
        "aino logs edge-echo to print the container's output",
        Duration.ofSeconds(15),
        () -> {
          int code =
              Main.run(
                  Map.of("AINO_SERVER", server.baseUri().toString(), "AINO_TOKEN", TOKEN),
                  InputStream.nullInputStream(),
                  new PrintWriter(out),
                  new PrintWriter(err),
                  "logs",
                  "edge-echo");
          return code == 0 && out.toString().contains("hello from runc on the edge");
        });
    assertThat(out.toString()).contains(running.id() + " | hello from runc on the edge");
  }

  private static List<String> mountsUnder(Path dir) throws IOException {
    if (dir == null) {
      return List.of();
    }
    String prefix = dir.toAbsolutePath().toString();
    return Files.readAllLines(Path.of("/proc/self/mountinfo")).stream()
        .map(line -> line.split(" ")[4])
        .filter(point -> point.equals(prefix) || point.startsWith(prefix + "/"))
        .toList();
  }
}

package dev.aino.server.join;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aino.api.InstanceFilter;
import dev.aino.api.Role;
import dev.aino.json.Json;
import dev.aino.model.Instance;
import dev.aino.model.InstancePhase;
import dev.aino.runtime.LogLine;
import dev.aino.runtime.LogQuery;
import dev.aino.server.AinoServer;
import dev.aino.server.NodeSettings;
import dev.aino.server.RuntimeKind;
import dev.aino.server.client.AinoClient;
import dev.aino.server.http.BearerToken;
import dev.aino.server.http.HttpSettings;
import dev.aino.server.http.TokensFile;
import dev.aino.server.testing.TestServer;
import dev.aino.testing.Await;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code aino agent --join} in this JVM against a real server on SQLite (simulated runtime): the
 * agent reaches the control plane only through the HTTP node API, with an agent token of its own
 * node. A workload placed on its node runs and its logs reach the server's clients; a restart of
 * the server loses and duplicates nothing; a node's token cannot touch another node's objects.
 */
class JoinedAgentTest {
  private static final String TOKEN = "join-test-admin-token-0123456789";
  private static final String EDGE = "edge-1";

  @TempDir static Path serverDir;
  @TempDir static Path agentDir;
  @TempDir static Path tokensDir;

  private static int port;
  private static Path tokens;
  private static String edgeToken;
  private static String otherToken;
  private static AinoServer server;
  private static JoinedAgent agent;

  @BeforeAll
  static void start() throws IOException {
    tokens = tokensDir.resolve("tokens");
    edgeToken = TokensFile.create(tokens, EDGE, Role.AGENT);
    otherToken = TokensFile.create(tokens, "edge-2", Role.AGENT);
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    server = startServer();
    agent = JoinedAgent.start(settings(EDGE, edgeToken, List.of(server.baseUri()), agentDir));
  }

  private static AinoServer startServer() {
    return TestServer.start(
        serverDir,
        "server-node",
        Map.of("AINO_TOKEN", TOKEN),
        "--store",
        "sqlite",
        "--port",
        Integer.toString(port),
        "--tokens-file",
        tokens.toString());
  }

  static JoinedAgent.Settings settings(String node, String token, List<URI> servers, Path dir) {
    return new JoinedAgent.Settings(
        servers,
        token,
        NodeSettings.local(
            node, Map.of("pool", "edge"), RuntimeKind.SIMULATED, List.of(), null, List.of()),
        dir,
        // The servers send their --token when they read this node's logs.
        new HttpSettings("127.0.0.1", 0, Optional.of(BearerToken.of(TOKEN))),
        null);
  }

  @AfterAll
  static void stop() {
    for (AutoCloseable c : new AutoCloseable[] {agent, server}) {
      try {
        if (c != null) {
          c.close();
        }
      } catch (Exception e) {
        // keep closing the rest
      }
    }
  }

  private static AinoClient client() {
    return new AinoClient(server.baseUri(), TOKEN);
  }

  private static void apply(String name, int replicas, String command) throws IOException {
    client()
        .apply(
            Json.mapper()
                .readTree(
                    "{\"name\":\""
                        + name
                        + "\",\"spec\":{\"image\":\"busybox\",\"replicas\":"
                        + replicas
                        + ",\"command\":[\"sh\",\"-c\",\""
                        + command
                        + "\"],\"resources\":{\"cpuMillis\":10,\"memoryMiB\":8},"
                        + "\"placement\":{\"nodeSelector\":{\"pool\":\"edge\"}}}}"));
  }

  private static List<Instance> instances(String workload) {
    return server.service().instances(InstanceFilter.ofWorkload(workload));
  }

  private static List<Instance> running(String workload, int count) {
    Await.until(
        workload + " to run " + count + " instance(s) on " + EDGE,
        Duration.ofSeconds(30),
        () ->
            instances(workload).stream()
                    .filter(i -> i.phase() == InstancePhase.RUNNING && EDGE.equals(i.node()))
                    .count()
                == count);
    return instances(workload).stream().filter(i -> i.phase() == InstancePhase.RUNNING).toList();
  }

  @Test
  void runsAWorkloadPlacedOnItsNodeAndServesItsLogsToTheServers() throws IOException {
    apply("edge-web", 1, "echo hello from the edge; sleep infinity");
    Instance instance = running("edge-web", 1).get(0);

    var node = server.service().node(EDGE).node();
    assertThat(node.address()).isEqualTo(agent.baseUri().getAuthority());
    assertThat(node.labels()).containsEntry("pool", "edge");
    var logs = client().logs(instance.id(), LogQuery.all());
    assertThat(logs.node()).isEqualTo(EDGE);
    assertThat(logs.lines()).extracting(LogLine::text).containsExactly("hello from the edge");
  }

  @Test
  void resumesFromItsRevisionAcrossAServerRestartLosingAndDuplicatingNothing() throws Exception {
    apply("edge-keep", 1, "sleep infinity");
    Instance before = running("edge-keep", 1).get(0);

    server.close();
    Thread.sleep(1500); // the agent's calls and its watch fail meanwhile; its container runs on
    server = startServer();

    client().scale("edge-keep", 3);
    List<Instance> after = running("edge-keep", 3);
    assertThat(instances("edge-keep")).hasSize(3);
    Instance kept =
        after.stream().filter(i -> i.id().equals(before.id())).findFirst().orElseThrow();
    assertThat(kept.containerId()).isEqualTo(before.containerId());
    assertThat(kept.restartCount()).isZero();
    assertThat(agent.currentServer()).isEqualTo(server.baseUri());
  }

  @Test
  void aNodesTokenMayNotTouchAnotherNodesObjects() throws Exception {
    apply("edge-mine", 1, "sleep infinity");
    Instance theirs = running("edge-mine", 1).get(0);
    String body = new String(Json.encode(theirs.toBuilder().node("edge-2").build()));

    // edge-2's agent writing edge-1's instance, through its own node's path: refused.
    HttpResponse<String> own =
        send("PUT", "/nodes/edge-2/instances/" + theirs.id(), otherToken, body);
    assertThat(own.statusCode()).as(own.body()).isEqualTo(403);
    assertThat(own.body()).contains("is on node edge-1");
    // ... and through edge-1's path: refused, whatever the body.
    HttpResponse<String> other =
        send("PUT", "/nodes/edge-1/instances/" + theirs.id(), otherToken, body);
    assertThat(other.statusCode()).as(other.body()).isEqualTo(403);
    assertThat(send("GET", "/nodes/edge-1/instances", otherToken, null).statusCode())
        .isEqualTo(403);
    assertThat(server.service().instance(theirs.id()).node()).isEqualTo(EDGE);

    // Its own node's API answers it; a body with a field the API does not define is refused.
    assertThat(send("GET", "/nodes/edge-2/instances", otherToken, null).statusCode())
        .isEqualTo(200);
    HttpResponse<String> strict =
        send(
            "POST",
            "/nodes/edge-2/events",
            otherToken,
            "{\"object\":{\"kind\":\"node\",\"name\":\"edge-2\"},\"type\":\"NORMAL\","
                + "\"reason\":\"Hello\",\"message\":\"hi\",\"color\":\"red\"}");
    assertThat(strict.statusCode()).as(strict.body()).isEqualTo(400);
    assertThat(strict.body()).contains("color");
  }

  private static HttpResponse<String> send(String method, String path, String token, String body)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(server.baseUri() + "/api/v1" + path))
            .header("Authorization", "Bearer " + token)
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}

package dev.aino.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aino.json.Json;
import dev.aino.server.AinoServer;
import dev.aino.server.testing.HttpProbe;
import dev.aino.server.testing.RawHttp;
import dev.aino.server.testing.TestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A web page must not drive aino: a server without a token (the loopback default) refuses a foreign
 * {@code Origin} (403), a {@code Host} that is not its own (421, DNS rebinding) and a write whose
 * body a form or a simple {@code fetch} could send (415), on every route, as the probe sent
 * them.
 */
class CrossSiteTest {
  private static final String EVIL = "http://evil.example";
  private static final String RUN_ID =
      "{\"name\":\"x\",\"spec\":{\"image\":\"busybox\",\"command\":[\"sh\",\"-c\",\"id\"]}}";
  private static final HttpClient CLIENT =
      HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build();

  @TempDir static Path dataDir;
  @TempDir static Path otherDataDir;
  private static AinoServer server;
  private static HttpProbe http;

  @BeforeAll
  static void start() {
    server = TestServer.start(dataDir, Map.of());
    http = new HttpProbe(server.baseUri());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static HttpResponse<String> send(
      String method, String path, String contentType, String origin, String body) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(server.baseUri().resolve(path))
            .timeout(Duration.ofSeconds(10))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    if (origin != null) {
      request.header("Origin", origin);
    }
    return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode error(String body) throws Exception {
    return Json.mapper().readTree(body).path("error");
  }

  @Test
  void aForeignOriginCannotCreateScaleOrCordon() throws Exception {
    HttpResponse<String> created = send("POST", "/api/v1/workloads", "", EVIL, RUN_ID);
    assertThat(created.statusCode()).isEqualTo(403);
    assertThat(error(created.body()).path("code").asText()).isEqualTo("PERMISSION_DENIED");
    assertThat(error(created.body()).path("message").asText())
        .contains("Origin")
        .contains("evil.example")
        .contains("--allowed-origin");

    assertThat(http.postJson("/api/v1/workloads", RUN_ID.replace("\"x\"", "\"y\"")).statusCode())
        .isEqualTo(200);
    assertThat(
            send("POST", "/api/v1/workloads/y/scale", "application/json", EVIL, "{\"replicas\":3}")
                .statusCode())
        .isEqualTo(403);
    assertThat(send("POST", "/api/v1/nodes/test-node/cordon", null, EVIL, null).statusCode())
        .isEqualTo(403);
    assertThat(send("DELETE", "/api/v1/workloads/y", null, EVIL, null).statusCode()).isEqualTo(403);
    assertThat(send("GET", "/api/v1/workloads", null, EVIL, null).statusCode()).isEqualTo(403);

    assertThat(http.get("/api/v1/workloads/x").statusCode()).isEqualTo(404);
    JsonNode y = HttpProbe.json(http.get("/api/v1/workloads/y"));
    assertThat(y.path("workload").path("spec").path("replicas").asInt()).isEqualTo(1);
    JsonNode node = HttpProbe.json(http.get("/api/v1/nodes/test-node"));
    assertThat(node.toString()).contains("\"schedulable\":true");
  }

  @Test
  void theServersOwnOriginMayWrite() throws Exception {
    String own = "http://127.0.0.1:" + server.port();
    HttpResponse<String> created =
        send(
            "POST",
            "/api/v1/workloads",
            "application/json",
            own,
            RUN_ID.replace("\"x\"", "\"own\""));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
    assertThat(send("GET", "/api/v1/workloads", null, "http://localhost:1", null).statusCode())
        .isEqualTo(200);
  }

  @Test
  void aWriteWhoseBodyAFormCouldSendIsA415NamingTheAcceptedTypes() throws Exception {
    for (String type :
        new String[] {
          "", "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"
        }) {
      HttpResponse<String> response = send("POST", "/api/v1/workloads", type, null, RUN_ID);
      assertThat(response.statusCode()).as(type).isEqualTo(415);
      JsonNode error = error(response.body());
      assertThat(error.path("code").asText()).isEqualTo("INVALID_ARGUMENT");
      assertThat(error.path("message").asText())
          .as(type)
          .startsWith("Content-Type: must be application/json or application/yaml")
          .contains("application/x-yaml", "text/yaml", "web page");
    }
    HttpResponse<String> noType = send("POST", "/api/v1/workloads", null, null, RUN_ID);
    assertThat(noType.statusCode()).isEqualTo(415);
    HttpResponse<String> put = send("PUT", "/api/v1/workloads/x", "text/plain", null, RUN_ID);
    assertThat(put.statusCode()).isEqualTo(415);
    HttpResponse<String> scale =
        send("POST", "/api/v1/workloads/x/scale", "text/plain", null, "{\"replicas\":3}");
    assertThat(scale.statusCode()).isEqualTo(415);
    assertThat(http.get("/api/v1/workloads/x").statusCode()).isEqualTo(404);

    HttpResponse<String> yaml =
        send(
            "POST",
            "/api/v1/workloads",
            "application/x-yaml; charset=utf-8",
            null,
            "name: from-yaml\nspec: {image: busybox}\n");
    assertThat(yaml.statusCode()).as(yaml.body()).isEqualTo(200);
    HttpResponse<String> json =
        send(
            "POST",
            "/api/v1/workloads",
            "application/json; charset=UTF-8",
            null,
            RUN_ID.replace("\"x\"", "\"from-json\""));
    assertThat(json.statusCode()).as(json.body()).isEqualTo(200);
  }

  @Test
  void writesWithoutABodyNeedNoContentType() throws Exception {
    assertThat(send("DELETE", "/api/v1/workloads/nope", null, null, null).statusCode())
        .isEqualTo(404);
    assertThat(send("POST", "/api/v1/nodes/test-node/uncordon", null, null, null).statusCode())
        .isEqualTo(200);
  }

  @Test
  void aForeignHostIsA421OnEveryRouteButHealth() throws Exception {
    URI base = server.baseUri();
    for (String path : List.of("/api/v1/workloads", "/mcp", "/no/such/route")) {
      RawHttp.Answer answer = RawHttp.send(base, "GET", path, "evil.example", null);
      assertThat(answer.status()).as(path).isEqualTo(421);
      assertThat(answer.head()).containsIgnoringCase("content-type: application/json");
      assertThat(answer.body()).contains("PERMISSION_DENIED", "evil.example", "--allowed-host");
    }
    RawHttp.Answer post =
        RawHttp.send(
            base,
            "POST",
            "/api/v1/workloads",
            "evil.example:" + base.getPort(),
            RUN_ID,
            "Content-Type: application/json");
    assertThat(post.status()).isEqualTo(421);
    assertThat(http.get("/api/v1/workloads/x").statusCode()).isEqualTo(404);

    assertThat(RawHttp.send(base, "GET", "/healthz", "evil.example", null).status()).isEqualTo(200);
    for (String host : List.of("127.0.0.1:" + base.getPort(), "localhost", "[::1]:7070")) {
      assertThat(RawHttp.send(base, "GET", "/api/v1/workloads", host, null).status())
          .as(host)
          .isEqualTo(200);
    }
  }

  @Test
  void allowedHostsAndOriginsAreServed() throws Exception {
    try (AinoServer named =
        TestServer.start(
            otherDataDir,
            Map.of(),
            "--allowed-host",
            "aino.example:*",
            "--mcp-allowed-host",
            "mcp.example",
            "--allowed-origin",
            "https://console.example")) {
      URI base = named.baseUri();
      assertThat(RawHttp.send(base, "GET", "/api/v1/workloads", "aino.example:443", null).status())
          .isEqualTo(200);
      assertThat(RawHttp.send(base, "GET", "/api/v1/workloads", "mcp.example", null).status())
          .isEqualTo(200);
      assertThat(RawHttp.send(base, "GET", "/api/v1/workloads", "other.example", null).status())
          .isEqualTo(421);
      assertThat(
              RawHttp.send(
                      base,
                      "GET",
                      "/api/v1/workloads",
                      "aino.example",
                      null,
                      "Origin: https://console.example")
                  .status())
          .isEqualTo(200);
    }
  }
}

package dev.aino.server.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aino.api.Role;
import dev.aino.server.AinoServer;
import dev.aino.server.Main;
import dev.aino.server.http.TokensFile;
import dev.aino.server.testing.HttpProbe;
import dev.aino.server.testing.TestServer;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One server with the three kinds of token: the admin {@code --token}, the read-only {@code
 * --read-token} and the named callers of {@code --tokens-file}. Each may do what its role allows,
 * is refused the rest with a message naming the caller and the role, and the events of its changes
 * name it.
 */
class RolesTest {
  private static final String ADMIN = "admin-token-1234";
  private static final String READER = "read-token-5678";

  @TempDir static Path dataDir;

  private static AinoServer server;
  private static Path tokensFile;
  private static String operatorToken;

  @BeforeAll
  static void start() throws Exception {
    tokensFile = dataDir.resolve("tokens");
    operatorToken = TokensFile.create(tokensFile, "ci-bot", Role.OPERATOR);
    server =
        TestServer.start(
            dataDir,
            Map.of("AINO_TOKEN", ADMIN, "AINO_READ_TOKEN", READER),
            "--tokens-file",
            tokensFile.toString());
    HttpResponse<String> created =
        probe(ADMIN)
            .postJson(
                "/api/v1/workloads",
                "{\"name\":\"web\",\"spec\":{\"image\":\"busybox\",\"replicas\":1}}");
    assertThat(created.statusCode()).isEqualTo(200);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static HttpProbe probe(String token) {
    return new HttpProbe(server.baseUri(), "Bearer " + token);
  }

  private static String message(HttpResponse<String> response) throws Exception {
    return HttpProbe.json(response).path("error").path("message").asText();
  }

  @Test
  void theReadTokenReadsEverythingAndChangesNothing() throws Exception {
    HttpProbe viewer = probe(READER);
    int desired = server.service().workload("web").desired();
    assertThat(viewer.get("/api/v1/workloads/web").statusCode()).isEqualTo(200);
    assertThat(viewer.get("/api/v1/nodes").statusCode()).isEqualTo(200);
    assertThat(viewer.get("/api/v1/events").statusCode()).isEqualTo(200);

    HttpResponse<String> scale = viewer.postJson("/api/v1/workloads/web/scale", "{\"replicas\":4}");
    assertThat(scale.statusCode()).isEqualTo(403);
    assertThat(HttpProbe.json(scale).path("error").path("code").asText())
        .isEqualTo("PERMISSION_DENIED");
    assertThat(message(scale)).contains("viewer may not scale workload web", "viewer reads only");
    assertThat(viewer.send("DELETE", "/api/v1/workloads/web").statusCode()).isEqualTo(403);
    assertThat(viewer.postJson("/api/v1/nodes/" + TestServer.NODE + "/cordon", "{}").statusCode())
        .isEqualTo(403);
    assertThat(server.service().workload("web").desired()).isEqualTo(desired);
  }

  @Test
  void anOperatorFromTheTokensFileScalesButCannotDrainAndTheEventNamesIt() throws Exception {
    HttpProbe operator = probe(operatorToken);
    HttpResponse<String> scaled =
        operator.postJson("/api/v1/workloads/web/scale", "{\"replicas\":2}");
    assertThat(scaled.statusCode()).isEqualTo(200);

    HttpResponse<String> drain =
        operator.postJson("/api/v1/nodes/" + TestServer.NODE + "/drain", "{}");
    assertThat(drain.statusCode()).isEqualTo(403);
    assertThat(message(drain))
        .contains("ci-bot may not drain node " + TestServer.NODE)
        .contains("operator may change workloads but not nodes");

    JsonNode events = HttpProbe.json(probe(READER).get("/api/v1/events?by=ci-bot"));
    assertThat(events.path("items")).isNotEmpty();
    JsonNode scaledEvent = events.path("items").get(0);
    assertThat(scaledEvent.path("reason").asText()).isEqualTo("Scaled");
    assertThat(scaledEvent.path("actor").path("name").asText()).isEqualTo("ci-bot");
    assertThat(scaledEvent.path("actor").path("role").asText()).isEqualTo("OPERATOR");
    assertThat(scaledEvent.path("actor").path("surface").asText()).isEqualTo("REST");
  }

  @Test
  void anOwnershipOrForceThatIsNotOneOfItsWordsIsRefusedNamingItAndChangesNothing()
      throws Exception {
    HttpProbe admin = probe(ADMIN);
    HttpResponse<String> badOwnership =
        admin.postJson(
            "/api/v1/workloads?ownership=mine",
            "{\"name\":\"unowned\",\"spec\":{\"image\":\"busybox\"}}");
    assertThat(badOwnership.statusCode()).isEqualTo(400);
    assertThat(message(badOwnership))
        .isEqualTo("ownership: must be strict or shared, got \"mine\"");
    assertThat(probe(READER).get("/api/v1/workloads/unowned").statusCode()).isEqualTo(404);

    HttpResponse<String> badForce =
        admin.postJson("/api/v1/workloads/unowned/scale?force=yes", "{\"replicas\":2}");
    assertThat(badForce.statusCode()).isEqualTo(400);
    assertThat(message(badForce)).isEqualTo("force: must be true or false, got \"yes\"");
  }

  @Test
  void aWorkloadAppliedWithStrictOwnershipRefusesAnotherCallersChangeUnlessForced()
      throws Exception {
    HttpProbe operator = probe(operatorToken);
    HttpResponse<String> created =
        operator.postJson(
            "/api/v1/workloads?ownership=strict",
            "{\"name\":\"owned\",\"spec\":{\"image\":\"busybox\",\"replicas\":1}}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
    JsonNode read = HttpProbe.json(probe(READER).get("/api/v1/workloads/owned"));
    assertThat(read.path("workload").path("manager").asText()).isEqualTo("ci-bot");
    assertThat(read.path("workload").path("ownership").asText()).isEqualTo("STRICT");

    HttpProbe admin = probe(ADMIN);
    HttpResponse<String> refused =
        admin.postJson("/api/v1/workloads/owned/scale", "{\"replicas\":3}");
    assertThat(refused.statusCode()).isEqualTo(409);
    assertThat(HttpProbe.json(refused).path("error").path("code").asText())
        .isEqualTo("OWNED_BY_ANOTHER");
    assertThat(message(refused))
        .startsWith("admin may not scale workload owned: it is managed by ci-bot");
    assertThat(admin.send("DELETE", "/api/v1/workloads/owned").statusCode()).isEqualTo(409);
    assertThat(server.service().workload("owned").desired()).isEqualTo(1);
    assertThat(
            admin
                .postJson("/api/v1/workloads/owned/scale?force=maybe", "{\"replicas\":3}")
                .statusCode())
        .isEqualTo(400);

    HttpResponse<String> forced =
        admin.postJson("/api/v1/workloads/owned/scale?force=true", "{\"replicas\":3}");
    assertThat(forced.statusCode()).as(forced.body()).isEqualTo(200);
    assertThat(server.service().workload("owned").desired()).isEqualTo(3);
    JsonNode overrides =
        HttpProbe.json(probe(READER).get("/api/v1/events?kind=workload&name=owned&by=admin"));
    assertThat(overrides.path("items").findValuesAsText("reason")).contains("ManagerOverride");
    assertThat(overrides.toString())
        .contains("admin changed it (scale workload owned), which ci-bot manages strictly; forced");
  }

  @Test
  void aTokenCreatedWhileTheServerRunsWorksAtOnceAndIsStoredAsItsHashOnly() throws Exception {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit =
        Main.run(
            Map.of(),
            InputStream.nullInputStream(),
            new PrintWriter(out, true),
            new PrintWriter(err, true),
            "token",
            "create",
            "late-viewer",
            "--role",
            "viewer",
            "--tokens-file",
            tokensFile.toString());
    assertThat(exit).as(err.toString()).isZero();
    String token = out.toString().strip();
    assertThat(token).matches("[0-9a-f]{64}");
    String file = Files.readString(tokensFile);
    assertThat(file).doesNotContain(token).contains("late-viewer viewer " + TokensFile.hash(token));
    // Same second and size class as the earlier write on coarse file systems: make the change seen.
    Files.setLastModifiedTime(tokensFile, FileTime.from(Instant.now().plusSeconds(5)));

    HttpProbe late = probe(token);
    assertThat(late.get("/api/v1/workloads").statusCode()).isEqualTo(200);
    HttpResponse<String> refused = late.send("DELETE", "/api/v1/workloads/web");
    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(message(refused)).contains("late-viewer may not delete workload web");

    int again =
        Main.run(
            Map.of(),
            InputStream.nullInputStream(),
            new PrintWriter(new StringWriter()),
            new PrintWriter(err, true),
            "token",
            "create",
            "late-viewer",
            "--role",
            "admin",
            "--tokens-file",
            tokensFile.toString());
    assertThat(again).isNotZero();
    assertThat(err.toString()).contains("NAME", "late-viewer is already in");
  }

  @Test
  void aWrongTokenIsStillRefused() throws Exception {
    assertThat(probe("not-a-token").get("/api/v1/workloads").statusCode()).isEqualTo(401);
  }
}

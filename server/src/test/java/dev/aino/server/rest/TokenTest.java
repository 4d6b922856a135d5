package dev.aino.server.rest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aino.server.AinoServer;
import dev.aino.server.Main;
import dev.aino.server.testing.HttpProbe;
import dev.aino.server.testing.TestServer;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A server with a bearer token: the API refuses requests without it, the CLI sends AINO_TOKEN. */
class TokenTest {
  private static final String TOKEN = "s3cret-token";

  @TempDir static Path dataDir;

  private static AinoServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start(dataDir, Map.of("AINO_TOKEN", TOKEN));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void theApiNeedsTheToken() throws Exception {
    HttpResponse<String> anonymous = new HttpProbe(server.baseUri()).get("/api/v1/workloads");
    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(HttpProbe.json(anonymous).path("error").path("code").asText())
        .isEqualTo("UNAUTHENTICATED");

    HttpProbe wrong = new HttpProbe(server.baseUri(), "Bearer nope");
    assertThat(wrong.postJson("/api/v1/workloads", "{}").statusCode()).isEqualTo(401);

    HttpProbe authorized = new HttpProbe(server.baseUri(), "Bearer " + TOKEN);
    assertThat(authorized.get("/api/v1/workloads").statusCode()).isEqualTo(200);
    assertThat(authorized.get("/api/v1/cluster").statusCode()).isEqualTo(200);
  }

  @Test
  void theCliSendsAinoToken() {
    String url = server.baseUri().toString();

    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int withToken =
        Main.run(
            Map.of("AINO_SERVER", url, "AINO_TOKEN", TOKEN),
            InputStream.nullInputStream(),
            new PrintWriter(out),
            new PrintWriter(err),
            "get",
            "nodes");
    assertThat(withToken).isZero();
    assertThat(out.toString()).contains(TestServer.NODE);

    StringWriter refusedErr = new StringWriter();
    int without =
        Main.run(
            Map.of("AINO_SERVER", url),
            InputStream.nullInputStream(),
            new PrintWriter(new StringWriter()),
            new PrintWriter(refusedErr),
            "get",
            "nodes");
    assertThat(without).isEqualTo(1);
    assertThat(refusedErr.toString().lines())
        .containsExactly(
            "aino: this aino server needs a bearer token: send the header 'Authorization: Bearer"
                + " <token>' (set AINO_TOKEN)");
  }
}

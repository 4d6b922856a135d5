package dev.aino.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aino.server.testing.HttpProbe;
import dev.aino.store.memory.InMemoryStateStore;
import io.javalin.config.JavalinConfig;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A token-guarded server: every path needs the token except the components' public paths. */
class BearerAuthTest {
  private static final String TOKEN = "s3cret-token";

  /** A component of another module: one guarded route and one public path. */
  private static final class Probe implements HttpComponent {
    @Override
    public void configure(JavalinConfig config) {
      config.routes.get("/api/probe", ctx -> ctx.result("guarded"));
      config.routes.get("/.well-known/agent-card.json", ctx -> ctx.json(List.of("card")));
    }

    @Override
    public Set<String> publicPaths() {
      return Set.of("/.well-known/agent-card.json");
    }
  }

  private final InMemoryStateStore store = new InMemoryStateStore();
  private HttpServer server;
  private HttpProbe probe;

  @BeforeEach
  void start() {
    HttpSettings settings = new HttpSettings("127.0.0.1", 0, Optional.of(BearerToken.of(TOKEN)));
    server =
        HttpServer.start(
            settings, List.of(new HealthEndpoint(store, "test", "simulated 1"), new Probe()));
    probe = new HttpProbe(server.baseUri());
  }

  @AfterEach
  void stop() {
    server.close();
    store.close();
  }

  @Test
  void refusesARequestWithoutToken() throws Exception {
    HttpResponse<String> response = probe.get("/api/probe");

    assertUnauthenticated(response);
    assertThat(HttpProbe.json(response).path("error").path("message").asText())
        .contains("Authorization: Bearer");
  }

  @Test
  void refusesAWrongToken() throws Exception {
    assertUnauthenticated(probe.get("/api/probe", "Bearer not-the-token"));
    assertUnauthenticated(probe.get("/api/probe", "Bearer " + TOKEN + "x"));
    assertUnauthenticated(probe.get("/api/probe", "Basic " + TOKEN));
  }

  @Test
  void refusesUnknownPathsWithoutTokenBeforeRouting() throws Exception {
    assertUnauthenticated(probe.get("/no/such/path"));
  }

  @Test
  void servesWithTheToken() throws Exception {
    HttpResponse<String> response = probe.get("/api/probe", "Bearer " + TOKEN);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("guarded");
  }

  @Test
  void theSchemeIsCaseInsensitive() throws Exception {
    assertThat(probe.get("/api/probe", "bearer " + TOKEN).statusCode()).isEqualTo(200);
  }

  @Test
  void healthzAndDeclaredPublicPathsNeedNoToken() throws Exception {
    assertThat(probe.get("/healthz").statusCode()).isEqualTo(200);
    assertThat(probe.get("/.well-known/agent-card.json").statusCode()).isEqualTo(200);
  }

  private static void assertUnauthenticated(HttpResponse<String> response) throws Exception {
    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().firstValue("WWW-Authenticate"))
        .hasValueSatisfying(value -> assertThat(value).startsWith("Bearer"));
    JsonNode body = HttpProbe.json(response);
    assertThat(body.path("error").path("code").asText()).isEqualTo("UNAUTHENTICATED");
    assertThat(response.body()).doesNotContain(TOKEN);
  }
}

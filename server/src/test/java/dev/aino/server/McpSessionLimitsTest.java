package dev.aino.server;

import static dev.aino.server.McpTransportErrorsTest.INITIALIZE;
import static dev.aino.server.McpTransportErrorsTest.initialize;
import static dev.aino.server.McpTransportErrorsTest.post;
import static dev.aino.server.McpTransportErrorsTest.rpcError;
import static dev.aino.server.McpTransportErrorsTest.send;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aino.server.testing.TestServer;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One token holds at most --mcp-max-sessions MCP sessions; idle ones end on their own. */
class McpSessionLimitsTest {
  private static final String TOKEN = "mcp-session-limits-token";
  private static final String LIST =
      "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\",\"params\":{}}";

  @TempDir Path dataDir;

  @Test
  void aTokenHoldsAtMostTheConfiguredSessions() throws Exception {
    try (AinoServer server =
        TestServer.start(
            dataDir,
            Map.of("AINO_TOKEN", TOKEN),
            "--mcp-max-sessions",
            "2",
            "--mcp-session-idle-timeout",
            "1h")) {
      String first = initialize(server, TOKEN);
      initialize(server, TOKEN);

      HttpResponse<String> third = post(server, TOKEN, null, INITIALIZE);
      assertThat(third.statusCode()).isEqualTo(429);
      JsonNode error = rpcError(third);
      assertThat(error.path("code").asInt()).isEqualTo(-32000);
      assertThat(error.path("message").asText())
          .contains("too many MCP sessions", "2", "--mcp-max-sessions", "DELETE");

      assertThat(send(server, "DELETE", TOKEN, first).statusCode()).isEqualTo(200);
      assertThat(post(server, TOKEN, first, LIST).statusCode()).isEqualTo(404);
      initialize(server, TOKEN);
    }
  }

  @Test
  void anIdleSessionEndsAndFreesItsPlace() throws Exception {
    try (AinoServer server =
        TestServer.start(
            dataDir,
            Map.of("AINO_TOKEN", TOKEN),
            "--mcp-max-sessions",
            "1",
            "--mcp-session-idle-timeout",
            "2s")) {
      String session = initialize(server, TOKEN);
      Thread.sleep(1_000);
      HttpResponse<String> used = post(server, TOKEN, session, LIST);
      assertThat(used.statusCode()).as(used.body()).isEqualTo(200);
      assertThat(post(server, TOKEN, null, INITIALIZE).statusCode()).isEqualTo(429);

      Thread.sleep(2_500);
      HttpResponse<String> expired = post(server, TOKEN, session, LIST);
      assertThat(expired.statusCode()).isEqualTo(404);
      JsonNode error = rpcError(expired);
      assertThat(error.path("code").asInt()).isEqualTo(-32001);
      assertThat(error.path("message").asText()).contains("2s", "initialize");
      initialize(server, TOKEN);
    }
  }
}

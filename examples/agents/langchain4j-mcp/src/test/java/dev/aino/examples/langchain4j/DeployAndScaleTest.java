package dev.aino.examples.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aino.intent.testing.FakeChatModelServer;
import dev.aino.intent.testing.FakeChatModelServer.Reply;
import dev.aino.model.Instance;
import dev.aino.model.InstancePhase;
import dev.aino.server.AinoServer;
import dev.aino.server.testing.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example as a user runs it, against {@code aino up} (simulated runtime) and the fake
 * OpenAI-compatible model of the intent tests, scripted to call {@code schedule_workload} and then
 * {@code scale_workload}: the workload must really exist with the scaled replicas, and the model
 * must have been shown aino's tools, aino's operator prompt and aino's answers.
 */
class DeployAndScaleTest {
  private static final String TOKEN = "langchain4j-example-token";
  private static final String KEY = "model-key";

  @TempDir Path dataDir;

  @Test
  @Timeout(180)
  void aChatModelDeploysAndScalesAWorkloadThroughAinosMcpTools() throws Exception {
    try (AinoServer server = TestServer.start(dataDir, Map.of("AINO_TOKEN", TOKEN));
        FakeChatModelServer model = FakeChatModelServer.start()) {
      model.enqueue(
          Reply.toolCall(
              "schedule_workload",
              "{\"name\":\"hello\",\"spec\":{\"image\":\"nginx:1.27\",\"replicas\":1}}"));
      model.enqueue(Reply.toolCall("scale_workload", "{\"name\":\"hello\",\"replicas\":3}"));
      model.enqueue(Reply.text("hello runs nginx:1.27 with 3 replicas."));
      ByteArrayOutputStream printed = new ByteArrayOutputStream();

      String answer =
          DeployAndScale.run(
              DeployAndScale.Settings.parse(
                  Map.of("AINO_TOKEN", TOKEN, "OPENAI_API_KEY", KEY),
                  "--aino-server",
                  server.baseUri().toString(),
                  "--model-base-url",
                  model.baseUrl(),
                  "--model",
                  FakeChatModelServer.MODEL),
              new PrintStream(printed, true, StandardCharsets.UTF_8));

      assertThat(answer).isEqualTo("hello runs nginx:1.27 with 3 replicas.");
      assertThat(server.service().workload("hello").workload().spec().replicas()).isEqualTo(3);
      awaitRunning(server, "hello", 3);

      String output = printed.toString(StandardCharsets.UTF_8);
      assertThat(output).contains("aino offers 20 tools: ", "schedule_workload", "delete_workload");

      List<JsonNode> requests = model.requests();
      assertThat(requests).hasSize(3);
      assertThat(model.authorizations()).containsOnly("Bearer " + KEY);
      List<String> offered = new ArrayList<>();
      requests
          .get(0)
          .path("tools")
          .forEach(t -> offered.add(t.path("function").path("name").asText()));
      assertThat(offered).containsExactlyInAnyOrderElementsOf(DeployAndScale.TOOLS);
      JsonNode first = requests.get(0).path("messages");
      assertThat(first.get(0).path("role").asText()).isEqualTo("system");
      assertThat(first.get(0).path("content").asText()).isEqualTo(operatorPromptFile());
      assertThat(first.get(1).path("content").asText()).isEqualTo(DeployAndScale.DEFAULT_TASK);
      // What aino answered each call is what the model read next.
      assertThat(lastToolResult(requests.get(1)))
          .contains("\"action\":\"created\"", "\"name\":\"hello\"", "\"desired\":1");
      assertThat(lastToolResult(requests.get(2))).contains("\"name\":\"hello\"", "\"desired\":3");
    }
  }

  @Test
  void settingsNameTheFieldThatIsMissingOrUnknown() {
    assertThatThrownBy(() -> DeployAndScale.Settings.parse(Map.of("OPENAI_API_KEY", KEY)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("AINO_TOKEN: is required (aino up prints it)");
    assertThatThrownBy(
            () ->
                DeployAndScale.Settings.parse(
                    Map.of("AINO_TOKEN", TOKEN, "OPENAI_API_KEY", KEY), "--api-key", "x"))
        .hasMessageStartingWith("--api-key: unknown option");
    assertThatThrownBy(
            () ->
                DeployAndScale.Settings.parse(
                    Map.of("AINO_TOKEN", TOKEN, "OPENAI_API_KEY", KEY),
                    "--model",
                    "a",
                    "--model",
                    "b"))
        .hasMessage("--model: given twice");
    assertThatThrownBy(
            () ->
                DeployAndScale.Settings.parse(
                    Map.of("AINO_TOKEN", TOKEN, "OPENAI_API_KEY", KEY, "AINO_SERVER", "ftp://x")))
        .hasMessageStartingWith("--aino-server (AINO_SERVER): must be an http or https URL");
  }

  private static String lastToolResult(JsonNode request) {
    JsonNode messages = request.path("messages");
    JsonNode last = messages.get(messages.size() - 1);
    assertThat(last.path("role").asText()).isEqualTo("tool");
    return last.path("content").asText();
  }

  /** The repository's prompt file after its front matter: what aino serves as the MCP prompt. */
  private static String operatorPromptFile() throws Exception {
    String file =
        Files.readString(Path.of("..", "..", "..", "prompts", "operator-system-prompt.md"))
            .replace("\r\n", "\n");
    return file.substring(file.indexOf("\n---\n", 4) + 5).trim();
  }

  private static void awaitRunning(AinoServer server, String workload, int count)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (true) {
      List<Instance> running =
          server.store().instancesOf(workload).stream()
              .filter(i -> i.phase() == InstancePhase.RUNNING)
              .toList();
      if (running.size() == count) {
        return;
      }
      assertThat(System.nanoTime())
          .as("%d running instances of %s, got %d", count, workload, running.size())
          .isLessThan(deadline);
      Thread.sleep(50);
    }
  }
}

package dev.aino.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aino.server.cli.UpCommand;
import dev.aino.server.testing.HttpProbe;
import dev.aino.server.testing.TestServer;
import dev.aino.testing.Fixtures;
import java.net.ConnectException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code aino up} in process: the options as a user types them, a real server on loopback. */
class UpServerTest {
  @TempDir Path dataDir;

  /**
   * {@code aino up --store memory --port 0 --data-dir <tmp> --runtime simulated} + {@code extra}.
   */
  private AinoServer upInMemory(Map<String, String> env, String... extra) {
    return TestServer.start(dataDir, env, extra);
  }

  @Test
  void servesHealthzOnAFreePort() throws Exception {
    try (AinoServer server = upInMemory(Map.of())) {
      assertThat(server.port()).isPositive();
      assertThat(server.baseUri().toString()).isEqualTo("http://127.0.0.1:" + server.port());

      HttpResponse<String> response = new HttpProbe(server.baseUri()).get("/healthz");

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.headers().firstValue("Content-Type"))
          .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
      JsonNode body = HttpProbe.json(response);
      assertThat(body.path("status").asText()).isEqualTo("ok");
      assertThat(body.path("version").asText()).isEqualTo(AinoVersion.current()).isNotEmpty();
      assertThat(body.path("store").path("backend").asText()).isEqualTo("memory");
      assertThat(body.path("store").path("revision").isIntegralNumber()).isTrue();
      assertThat(body.has("reason")).isFalse();
    }
  }

  @Test
  void healthzReportsTheStoreRevision() throws Exception {
    try (AinoServer server = upInMemory(Map.of())) {
      server.store().create(Fixtures.node("n1"));
      long before = server.store().revision();

      JsonNode body = HttpProbe.json(new HttpProbe(server.baseUri()).get("/healthz"));

      // The server's own node agent heartbeats meanwhile (every 5 s), which a slow machine reaches
      // before /healthz answers: the figure is the store's revision at some moment in between.
      long after = server.store().revision();
      assertThat(before).isPositive();
      assertThat(body.path("store").path("revision").asLong()).isBetween(before, after);
    }
  }

  @Test
  void createsTheDataDirectory() {
    Path nested = dataDir.resolve("a/b/aino");
    try (AinoServer server = TestServer.start(nested, Map.of())) {
      assertThat(nested).isDirectory();
      assertThat(server.store().backend()).isEqualTo("memory");
    }
  }

  @Test
  void closeStopsServingAndIsIdempotent() throws Exception {
    AinoServer server = upInMemory(Map.of());
    HttpProbe probe = new HttpProbe(server.baseUri());
    assertThat(probe.get("/healthz").statusCode()).isEqualTo(200);

    server.close();
    server.close();
    server.awaitClosed();

    assertThatThrownBy(() -> probe.get("/healthz")).isInstanceOf(ConnectException.class);
  }

  @Test
  void tokenComesFromTheEnvironmentWhenNoFlagIsGiven() throws Exception {
    try (AinoServer server = upInMemory(Map.of("AINO_TOKEN", "from-env"))) {
      HttpProbe probe = new HttpProbe(server.baseUri());
      assertThat(probe.get("/anything").statusCode()).isEqualTo(401);
      assertThat(probe.get("/anything", "Bearer from-env").statusCode()).isEqualTo(404);
    }
  }

  @Test
  void theTokenFlagWinsOverTheEnvironment() throws Exception {
    try (AinoServer server = upInMemory(Map.of("AINO_TOKEN", "from-env"), "--token", "from-flag")) {
      HttpProbe probe = new HttpProbe(server.baseUri());
      assertThat(probe.get("/anything", "Bearer from-env").statusCode()).isEqualTo(401);
      assertThat(probe.get("/anything", "Bearer from-flag").statusCode()).isEqualTo(404);
    }
  }

  @Test
  void defaultDataDirectoryFollowsTheEnvironment() {
    UpCommand command = new UpCommand(Map.of("AINO_DATA_DIR", dataDir.toString()));
    new CommandLine(command).parseArgs("--store", "memory");

    ServerSettings settings = command.settings();

    assertThat(settings.store().dataDir()).isEqualTo(dataDir.toAbsolutePath());
    assertThat(settings.http().port()).isEqualTo(7070);
    assertThat(settings.http().bind()).isEqualTo("127.0.0.1");
    assertThat(settings.http().token()).isEmpty();
  }

  @Test
  void theDefaultStoreIsSqlite() {
    UpCommand command = new UpCommand(Map.of());
    new CommandLine(command).parseArgs("--data-dir", dataDir.toString());

    assertThat(command.settings().store().backend()).isEqualTo(StoreBackend.SQLITE);
  }

  @Test
  void llmOptionsNeedAProviderAndAKeyAndKeepTheKeyOutOfMessages() throws Exception {
    UpCommand noProvider = new UpCommand(Map.of());
    new CommandLine(noProvider).parseArgs("--llm-model", "gpt-4o-mini");
    assertThatThrownBy(noProvider::settings).hasMessageStartingWith("--llm-provider: is required");

    UpCommand unknown = new UpCommand(Map.of("AINO_LLM_API_KEY", "k"));
    new CommandLine(unknown).parseArgs("--llm-provider", "skynet", "--llm-model", "m");
    assertThatThrownBy(unknown::settings)
        .hasMessage("--llm-provider: must be openai or anthropic, got \"skynet\"");

    UpCommand noKey = new UpCommand(Map.of());
    new CommandLine(noKey).parseArgs("--llm-provider", "anthropic", "--llm-model", "m");
    assertThatThrownBy(noKey::settings).hasMessageContaining("AINO_LLM_API_KEY");

    java.nio.file.Path keyFile = java.nio.file.Files.writeString(dataDir.resolve("key"), "sk-1\n");
    UpCommand fromFile = new UpCommand(Map.of("AINO_LLM_API_KEY", "from-env"));
    new CommandLine(fromFile)
        .parseArgs(
            "--llm-provider",
            "openai",
            "--llm-model",
            "m",
            "--llm-api-key-file",
            keyFile.toString());
    dev.aino.intent.LlmSettings llm = fromFile.settings().llm();
    assertThat(llm.apiKey()).isEqualTo("sk-1");
    assertThat(llm.toString()).isEqualTo("openai m").doesNotContain("sk-1");

    UpCommand local = new UpCommand(Map.of());
    new CommandLine(local)
        .parseArgs(
            "--llm-provider",
            "openai",
            "--llm-model",
            "llama3.1",
            "--llm-base-url",
            "http://127.0.0.1:11434/v1");
    assertThat(local.settings().llm().baseUrl()).isEqualTo("http://127.0.0.1:11434/v1");
    UpCommand offline = new UpCommand(Map.of());
    new CommandLine(offline).parseArgs();
    assertThat(offline.settings().llm()).isNull();
  }
}

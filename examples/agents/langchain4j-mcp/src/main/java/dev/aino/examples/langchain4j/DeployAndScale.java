package dev.aino.examples.langchain4j;

import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.mcp.McpToolProvider;
import dev.langchain4j.mcp.client.DefaultMcpClient;
import dev.langchain4j.mcp.client.McpClient;
import dev.langchain4j.mcp.client.McpGetPromptResult;
import dev.langchain4j.mcp.client.McpTextContent;
import dev.langchain4j.mcp.client.transport.http.StreamableHttpMcpTransport;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.service.AiServices;
import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Connects to {@code aino up}'s MCP endpoint with the bearer token, lists aino's tools, reads
 * aino's operator system prompt (the MCP prompt {@code operator-system-prompt}), and hands a task
 * to a chat model that may call aino's workload tools. Run it with:
 *
 * <pre>
 * AINO_TOKEN=... OPENAI_API_KEY=... java -jar ... [--aino-server URL] [--model-base-url URL]
 *     [--model NAME] [task words...]
 * </pre>
 */
public final class DeployAndScale {
  /** The tools the model is offered: enough to deploy and scale, nothing that destroys. */
  public static final List<String> TOOLS =
      List.of(
          "cluster_status", "plan_workload", "schedule_workload", "get_workload", "scale_workload");

  /** The task when none is given. */
  public static final String DEFAULT_TASK =
      "Deploy a workload named hello from image nginx:1.27 with 1 replica, then scale it to 3"
          + " replicas. I agree to both changes in advance; do not ask me again.";

  private static final String PROMPT = "operator-system-prompt";

  private DeployAndScale() {}

  /** What the example needs: where aino and the model are, their keys, and the task. */
  public record Settings(
      URI ainoServer,
      String ainoToken,
      String modelBaseUrl,
      String modelApiKey,
      String modelName,
      String task) {
    public Settings {
      require(ainoServer != null, "--aino-server (AINO_SERVER)", "is required");
      require(
          "http".equals(ainoServer.getScheme()) || "https".equals(ainoServer.getScheme()),
          "--aino-server (AINO_SERVER)",
          "must be an http or https URL, got " + ainoServer);
      require(notBlank(ainoToken), "AINO_TOKEN", "is required (aino up prints it)");
      require(notBlank(modelBaseUrl), "--model-base-url (OPENAI_BASE_URL)", "is required");
      require(notBlank(modelApiKey), "OPENAI_API_KEY", "is required");
      require(notBlank(modelName), "--model (OPENAI_MODEL)", "is required");
      require(notBlank(task), "task", "must not be empty");
    }

    /**
     * Reads the environment, then the options (which win). The key and the token come only from the
     * environment, so they never show in a process list.
     *
     * @throws IllegalArgumentException naming the option that is unknown, repeated or incomplete
     */
    public static Settings parse(Map<String, String> env, String... args) {
      Map<String, String> options = new HashMap<>();
      List<String> words = new ArrayList<>();
      for (int i = 0; i < args.length; i++) {
        String arg = args[i];
        if (!arg.startsWith("--")) {
          words.add(arg);
          continue;
        }
        if (!List.of("--aino-server", "--model-base-url", "--model").contains(arg)) {
          throw new IllegalArgumentException(
              arg + ": unknown option (known: --aino-server, --model-base-url, --model)");
        }
        if (i + 1 >= args.length) {
          throw new IllegalArgumentException(arg + ": needs a value");
        }
        if (options.put(arg, args[++i]) != null) {
          throw new IllegalArgumentException(arg + ": given twice");
        }
      }
      String server =
          options.getOrDefault(
              "--aino-server", env.getOrDefault("AINO_SERVER", "http://127.0.0.1:7070"));
      return new Settings(
          URI.create(server),
          env.get("AINO_TOKEN"),
          options.getOrDefault(
              "--model-base-url", env.getOrDefault("OPENAI_BASE_URL", "https://api.openai.com/v1")),
          env.get("OPENAI_API_KEY"),
          options.getOrDefault("--model", env.getOrDefault("OPENAI_MODEL", "gpt-4o-mini")),
          words.isEmpty() ? DEFAULT_TASK : String.join(" ", words));
    }

    private static boolean notBlank(String s) {
      return s != null && !s.isBlank();
    }

    private static void require(boolean ok, String field, String reason) {
      if (!ok) {
        throw new IllegalArgumentException(field + ": " + reason);
      }
    }
  }

  /** What the model is asked through; langchain4j runs the tool calls in between. */
  interface Operator {
    String chat(String task);
  }

  public static void main(String[] args) {
    Settings settings;
    try {
      settings = Settings.parse(System.getenv(), args);
    } catch (IllegalArgumentException e) {
      System.err.println("deploy-and-scale: " + e.getMessage());
      System.exit(2);
      return;
    }
    run(settings, System.out);
  }

  /** Runs the task and returns the model's last answer, printing what happens to {@code out}. */
  public static String run(Settings settings, PrintStream out) {
    StreamableHttpMcpTransport transport =
        new StreamableHttpMcpTransport.Builder()
            .url(settings.ainoServer().resolve("/mcp").toString())
            .customHeaders(Map.of("Authorization", "Bearer " + settings.ainoToken()))
            .timeout(Duration.ofSeconds(120))
            .build();
    try (McpClient aino =
        new DefaultMcpClient.Builder()
            .key("aino")
            .clientName("aino-langchain4j-example")
            .transport(transport)
            .build()) {
      List<ToolSpecification> tools = aino.listTools();
      out.println(
          "aino offers "
              + tools.size()
              + " tools: "
              + tools.stream().map(ToolSpecification::name).collect(Collectors.joining(", ")));
      String systemPrompt = operatorPrompt(aino);

      OpenAiChatModel model =
          OpenAiChatModel.builder()
              .baseUrl(settings.modelBaseUrl())
              .apiKey(settings.modelApiKey())
              .modelName(settings.modelName())
              .timeout(Duration.ofSeconds(120))
              .build();
      Operator operator =
          AiServices.builder(Operator.class)
              .chatModel(model)
              .systemMessageProvider(memoryId -> systemPrompt)
              .toolProvider(
                  McpToolProvider.builder().mcpClients(aino).filterToolNames(TOOLS).build())
              .maxSequentialToolsInvocations(20)
              .build();
      out.println("task: " + settings.task());
      String answer = operator.chat(settings.task());
      out.println("model: " + answer);
      return answer;
    } catch (Exception e) {
      if (e instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException("closing the MCP client failed: " + e.getMessage(), e);
    }
  }

  /** The operator system prompt aino serves, so the model follows aino's own operating rules. */
  static String operatorPrompt(McpClient aino) {
    McpGetPromptResult prompt = aino.getPrompt(PROMPT, Map.of());
    return prompt.messages().stream()
        .map(m -> m.content())
        .filter(McpTextContent.class::isInstance)
        .map(c -> ((McpTextContent) c).text())
        .collect(Collectors.joining("\n\n"));
  }
}

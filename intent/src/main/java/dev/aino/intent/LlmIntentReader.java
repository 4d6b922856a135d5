package dev.aino.intent;

import dev.aino.error.UnavailableException;
import dev.aino.model.PlacementStrategy;
import dev.aino.model.RestartPolicy;
import dev.langchain4j.model.anthropic.AnthropicChatModel;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.service.AiServices;
import dev.langchain4j.service.SystemMessage;
import dev.langchain4j.service.UserMessage;
import dev.langchain4j.service.V;
import java.util.List;
import java.util.Locale;

/**
 * Reads intents with an LLM through langchain4j AI Services, whose structured output is the flat
 * {@link LlmIntent} record. The model only reads: its answer becomes an {@link Intent} that {@link
 * IntentPlanner} validates like any other, so an answer that names a bad workload, a replica count
 * out of range or a command for a shell is refused there. An answer that is not an intent at all
 * (or no answer) is an {@link UnavailableException}, and the engine reads offline instead.
 */
public final class LlmIntentReader implements IntentReader {
  static final String SYSTEM =
      """
      You turn one message to the container orchestrator aino into a structured intent. You never
      execute anything. Fill only the fields the message gives; leave the others null.
      action is one of DEPLOY, UPDATE, SCALE, DELETE, RESTART, STATUS, DIAGNOSE, LOGS, LIST,
      CLUSTER_STATUS, AUTOSCALE, AUTOSCALE_OFF, CORDON, UNCORDON, DRAIN, or null when the message
      asks for none of them.
      workload: the workload name as written; node: the node name as written; image: an image
      reference such as nginx:1.27. replicas: an absolute count; replicaDelta: a change such as +2
      or -1; replicaFactor: 2 for double, 0.5 for halve. cpuMillis: CPU per instance in millicores
      (1 core = 1000); memoryMiB: memory per instance in MiB (1 GiB = 1024, 1 GB = 954).
      command: the program and its arguments as separate words. env: entries KEY=value.
      nodeLabels: entries key=value the nodes must carry. restartPolicy: ALWAYS, ON_FAILURE or
      NEVER. strategy: SPREAD or BINPACK. minReplicas, maxReplicas, targetCpuPercent,
      targetMemoryPercent: for AUTOSCALE. everything: true when the message addresses every
      workload at once. refersToLast: true when the message says "it" or "that" for the workload
      the conversation last touched.
      """;

  /** What the model fills: flat, with plain types, so every provider's structured output fits. */
  public record LlmIntent(
      String action,
      String workload,
      String node,
      String image,
      Integer replicas,
      Integer replicaDelta,
      Double replicaFactor,
      Long cpuMillis,
      Long memoryMiB,
      List<String> command,
      List<String> env,
      List<String> nodeLabels,
      String restartPolicy,
      String strategy,
      Integer minReplicas,
      Integer maxReplicas,
      Integer targetCpuPercent,
      Integer targetMemoryPercent,
      Boolean everything,
      Boolean refersToLast) {}

  /** The AI Service langchain4j implements. */
  interface Extractor {
    @SystemMessage(SYSTEM)
    @UserMessage(
        """
        Workloads in the cluster: {{workloads}}
        Nodes in the cluster: {{nodes}}
        Workload the conversation last touched: {{last}}
        Message: {{text}}""")
    LlmIntent read(
        @V("text") String text,
        @V("workloads") String workloads,
        @V("nodes") String nodes,
        @V("last") String last);
  }

  private final LlmSettings settings;
  private final Extractor extractor;

  public LlmIntentReader(LlmSettings settings) {
    this.settings = settings;
    this.extractor = AiServices.create(Extractor.class, chatModel(settings));
  }

  private static ChatModel chatModel(LlmSettings s) {
    return switch (s.provider()) {
      case OPENAI -> {
        OpenAiChatModel.OpenAiChatModelBuilder b =
            OpenAiChatModel.builder()
                .modelName(s.model())
                .apiKey(s.apiKey().isEmpty() ? "none" : s.apiKey())
                .timeout(s.timeout())
                .maxRetries(0)
                .temperature(0.0)
                .supportedCapabilities(
                    dev.langchain4j.model.chat.Capability.RESPONSE_FORMAT_JSON_SCHEMA)
                .strictJsonSchema(false);
        if (s.baseUrl() != null) {
          b.baseUrl(s.baseUrl());
        }
        yield b.build();
      }
      case ANTHROPIC -> {
        AnthropicChatModel.AnthropicChatModelBuilder b =
            AnthropicChatModel.builder()
                .modelName(s.model())
                .apiKey(s.apiKey())
                .timeout(s.timeout())
                .maxRetries(0)
                .temperature(0.0);
        if (s.baseUrl() != null) {
          b.baseUrl(s.baseUrl());
        }
        yield b.build();
      }
    };
  }

  @Override
  public String name() {
    return "llm (" + settings + ")";
  }

  @Override
  public Intent read(String text, IntentContext context) {
    LlmIntent answer;
    try {
      answer =
          extractor.read(
              text,
              names(context.workloads()),
              names(context.nodes()),
              context.lastWorkload() == null ? "none" : context.lastWorkload());
    } catch (RuntimeException e) {
      throw new UnavailableException(
          "the LLM (" + settings + ") did not answer with an intent: " + firstLine(e), e);
    }
    if (answer == null) {
      throw new UnavailableException("the LLM (" + settings + ") gave no answer", null);
    }
    return toIntent(answer);
  }

  /**
   * The model's answer as an intent. Names, counts, images and commands pass unchanged, for the
   * planner to judge; only values that are no value of their field at all (an unknown action or
   * policy) make the answer unusable.
   */
  static Intent toIntent(LlmIntent a) {
    Intent.Builder b = Intent.builder();
    b.action(enumOf(IntentAction.class, "action", a.action()));
    b.workload(blankToNull(a.workload()))
        .node(blankToNull(a.node()))
        .image(blankToNull(a.image()))
        .replicas(a.replicas())
        .replicaDelta(a.replicaDelta())
        .replicaFactor(a.replicaFactor())
        .cpuMillis(a.cpuMillis())
        .memoryMiB(a.memoryMiB())
        .command(a.command() == null ? List.of() : a.command())
        .restartPolicy(enumOf(RestartPolicy.class, "restartPolicy", a.restartPolicy()))
        .strategy(enumOf(PlacementStrategy.class, "strategy", a.strategy()))
        .minReplicas(a.minReplicas())
        .maxReplicas(a.maxReplicas())
        .targetCpuPercent(a.targetCpuPercent())
        .targetMemoryPercent(a.targetMemoryPercent())
        .everything(Boolean.TRUE.equals(a.everything()))
        .refersToLast(Boolean.TRUE.equals(a.refersToLast()));
    pairs(a.env(), "env", b::env, b);
    pairs(a.nodeLabels(), "nodeLabels", b::nodeLabel, b);
    return b.build();
  }

  private static void pairs(
      List<String> entries,
      String field,
      java.util.function.BiConsumer<String, String> put,
      Intent.Builder b) {
    if (entries == null) {
      return;
    }
    for (String entry : entries) {
      int eq = entry == null ? -1 : entry.indexOf('=');
      if (eq <= 0) {
        b.problem(field, "\"" + entry + "\" is not KEY=value");
        continue;
      }
      put.accept(entry.substring(0, eq), entry.substring(eq + 1));
    }
  }

  private static <E extends Enum<E>> E enumOf(Class<E> type, String field, String value) {
    if (value == null || value.isBlank() || value.equalsIgnoreCase("null")) {
      return null;
    }
    try {
      return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
    } catch (IllegalArgumentException e) {
      throw new UnavailableException(
          "the LLM answered " + field + " \"" + value + "\", which is none of its values", e);
    }
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() || s.equalsIgnoreCase("null") ? null : s.strip();
  }

  private static String names(List<String> names) {
    return names.isEmpty() ? "none" : String.join(", ", names);
  }

  private static String firstLine(Throwable e) {
    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    int nl = m.indexOf('\n');
    m = nl < 0 ? m : m.substring(0, nl);
    return m.length() > 200 ? m.substring(0, 197) + "..." : m;
  }
}

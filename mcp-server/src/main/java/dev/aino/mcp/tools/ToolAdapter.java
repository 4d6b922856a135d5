package dev.aino.mcp.tools;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aino.error.AinoException;
import dev.aino.json.Json;
import dev.aino.json.StrictInput;
import dev.aino.mcp.ConfirmationFallback;
import dev.aino.mcp.McpOptions;
import dev.aino.mcp.Schemas;
import dev.aino.mcp.ToolErrors;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.LoggingLevel;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Turns {@link ToolSpec}s into the SDK's tool specifications: schemas from the records, hints from
 * the effect, arguments decoded with field-path errors, results as structured content plus a text
 * summary, and every failure through {@link ToolErrors}.
 */
public final class ToolAdapter {
  private ToolAdapter() {}

  /** The tools the options allow, ready for the SDK. */
  public static List<SyncToolSpecification> adapt(List<ToolSpec<?>> specs, McpOptions options) {
    return specs.stream()
        .filter(s -> allowed(s, options))
        .map(s -> adapt(s, options.confirmationFallback()))
        .collect(Collectors.toList());
  }

  static boolean allowed(ToolSpec<?> spec, McpOptions options) {
    if (options.readOnly()) {
      return spec.effect() == ToolSpec.Effect.READ;
    }
    return !(options.disableDestructive() && spec.effect() == ToolSpec.Effect.DESTRUCTIVE);
  }

  private static <I> SyncToolSpecification adapt(ToolSpec<I> spec, ConfirmationFallback fallback) {
    boolean readOnly = spec.effect() == ToolSpec.Effect.READ;
    McpSchema.Tool tool =
        McpSchema.Tool.builder()
            .name(spec.name())
            .title(spec.title())
            .description(spec.description())
            .inputSchema(Schemas.of(spec.input()))
            .outputSchema(Schemas.of(spec.output()))
            .annotations(
                new McpSchema.ToolAnnotations(
                    spec.title(),
                    readOnly,
                    readOnly ? null : spec.effect() == ToolSpec.Effect.DESTRUCTIVE,
                    readOnly ? null : spec.idempotent(),
                    // aino's own cluster is a closed world: no tool reaches the internet.
                    false,
                    null))
            .build();
    return SyncToolSpecification.builder()
        .tool(tool)
        .callHandler((exchange, request) -> call(spec, fallback, exchange, request))
        .build();
  }

  private static <I> CallToolResult call(
      ToolSpec<I> spec,
      ConfirmationFallback fallback,
      McpSyncServerExchange exchange,
      CallToolRequest request) {
    try {
      JsonNode arguments =
          Json.mapper().valueToTree(request.arguments() == null ? Map.of() : request.arguments());
      I input = StrictInput.decode(arguments, spec.input(), "");
      ToolContext context = new ToolContext(exchange, request.progressToken(), fallback);
      ToolSpec.Reply reply = spec.handler().handle(context, input);
      if (spec.effect() != ToolSpec.Effect.READ) {
        context.log(LoggingLevel.INFO, spec.name() + ": " + reply.text());
      }
      return CallToolResult.builder()
          .addTextContent(reply.text())
          .structuredContent(Json.mapper().convertValue(reply.structured(), Map.class))
          .isError(false)
          .build();
    } catch (AinoException e) {
      return ToolErrors.of(spec.name(), e);
    } catch (RuntimeException e) {
      return ToolErrors.unexpected(spec.name(), e);
    }
  }
}

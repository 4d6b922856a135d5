package dev.aino.mcp.tools;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aino.api.Caller;
import dev.aino.api.Role;
import dev.aino.error.AinoException;
import dev.aino.error.PermissionDeniedException;
import dev.aino.json.Json;
import dev.aino.json.StrictInput;
import dev.aino.mcp.ConfirmationFallback;
import dev.aino.mcp.McpAuthenticator;
import dev.aino.mcp.McpOptions;
import dev.aino.mcp.Schemas;
import dev.aino.mcp.ToolErrors;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncListFilter;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.LoggingLevel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Turns {@link ToolSpec}s into the SDK's tool specifications: schemas from the records, hints from
 * the effect, arguments decoded with field-path errors, results as structured content plus a text
 * summary, and every failure through {@link ToolErrors}.
 */
public final class ToolAdapter {
  /** The {@code _meta} key that names a tool's {@link Toolset}, for relays that filter by it. */
  public static final String TOOLSET_META = "aino/toolset";

  private ToolAdapter() {}

  /** The tools the options allow, ready for the SDK. */
  public static List<SyncToolSpecification> adapt(List<ToolSpec<?>> specs, McpOptions options) {
    return adapt(specs, options, context -> McpAuthenticator.LOCAL);
  }

  /**
   * The tools the options allow, each call made as the caller that {@code callerOf} finds in the
   * call's transport context (the HTTP request's, or none on stdio).
   */
  public static List<SyncToolSpecification> adapt(
      List<ToolSpec<?>> specs, McpOptions options, Function<McpTransportContext, Caller> callerOf) {
    List<ToolSpec<?>> listed = specs.stream().filter(s -> allowed(s, options)).toList();
    List<Map<String, Object>> inputSchemas = RepeatedArguments.of(listed);
    List<SyncToolSpecification> adapted = new ArrayList<>();
    for (int i = 0; i < listed.size(); i++) {
      adapted.add(
          adapt(listed.get(i), inputSchemas.get(i), options.confirmationFallback(), callerOf));
    }
    return adapted;
  }

  /**
   * The {@code tools/list} filter that shows each caller the tools its role may call ({@link
   * ToolSpec#allows}): a viewer sees the reads only, an operator no node changes. A request that
   * carries no caller sees the reads only. Calls of the tools it hides are refused by {@link
   * #adapt}'s handlers, naming the role.
   */
  public static McpSyncListFilter<McpSchema.Tool> roleFilter(
      List<ToolSpec<?>> specs, Function<McpTransportContext, Caller> callerOf) {
    Map<String, ToolSpec<?>> byName = new HashMap<>();
    specs.forEach(s -> byName.put(s.name(), s));
    return (context, tool) -> {
      ToolSpec<?> spec = byName.get(tool.name());
      if (spec == null) {
        return false;
      }
      Role role;
      try {
        role = callerOf.apply(context).role();
      } catch (AinoException e) {
        role = Role.VIEWER;
      }
      return spec.allows(role);
    };
  }

  static boolean allowed(ToolSpec<?> spec, McpOptions options) {
    if (!options.toolsets().contains(spec.toolset())) {
      return false;
    }
    if (options.readOnly()) {
      return spec.effect() == ToolSpec.Effect.READ;
    }
    return !(options.disableDestructive() && spec.effect() == ToolSpec.Effect.DESTRUCTIVE);
  }

  private static <I> SyncToolSpecification adapt(
      ToolSpec<I> spec,
      Map<String, Object> inputSchema,
      ConfirmationFallback fallback,
      Function<McpTransportContext, Caller> callerOf) {
    boolean readOnly = spec.effect() == ToolSpec.Effect.READ;
    McpSchema.Tool tool =
        McpSchema.Tool.builder()
            .name(spec.name())
            .title(spec.title())
            .description(spec.description())
            .inputSchema(inputSchema)
            .outputSchema(Schemas.output(spec.output()))
            .meta(Map.of(TOOLSET_META, spec.toolset().id()))
            .annotations(
                new McpSchema.ToolAnnotations(
                    // The tool's own title says it; clients fall back to it.
                    null,
                    readOnly,
                    readOnly ? null : spec.effect() == ToolSpec.Effect.DESTRUCTIVE,
                    readOnly ? null : spec.idempotent(),
                    // aino's own cluster is a closed world: no tool reaches the internet.
                    false,
                    null))
            .build();
    return SyncToolSpecification.builder()
        .tool(tool)
        .callHandler(
            (exchange, request) ->
                call(
                    spec,
                    callerOf.apply(exchange.transportContext()),
                    Json.mapper()
                        .valueToTree(request.arguments() == null ? Map.of() : request.arguments()),
                    new ToolContext(exchange, request.progressToken(), fallback)))
        .build();
  }

  /** The refusal of a tool that {@link #roleFilter} does not list for this caller. */
  private static PermissionDeniedException notListedFor(Caller caller, ToolSpec<?> spec) {
    Role role = caller.role();
    return new PermissionDeniedException(
        caller.name()
            + " may not call "
            + spec.name()
            + ": the role "
            + role.id()
            + (role.mayChangeWorkloads() ? " may change workloads but not nodes" : " reads only")
            + ", so tools/list does not offer it to this caller; ask an admin, or use a token with"
            + " a role that may");
  }

  /**
   * One call of {@code spec} as {@code caller}: the role checked, the arguments decoded (errors
   * name the field path), the handler run as the caller, every failure a tool error.
   *
   * @param arguments the call's {@code arguments} object (an empty object when it had none)
   */
  static <I> CallToolResult call(
      ToolSpec<I> spec, Caller caller, JsonNode arguments, ToolContext context) {
    try {
      if (!spec.allows(caller.role())) {
        throw notListedFor(caller, spec);
      }
      I input = StrictInput.decode(arguments, spec.input(), "");
      ToolSpec.Reply reply = CallerBound.with(caller, () -> spec.handler().handle(context, input));
      if (spec.effect() != ToolSpec.Effect.READ) {
        context.log(LoggingLevel.INFO, spec.name() + ": " + reply.text());
      }
      return CallToolResult.builder()
          .addTextContent(reply.text())
          // The record itself: the SDK's mapper (a copy of aino's) encodes it once, where a Map
          // copy first cost a second walk over every item of a page.
          .structuredContent(reply.structured())
          .isError(false)
          .build();
    } catch (AinoException e) {
      return ToolErrors.of(spec.name(), e);
    } catch (RuntimeException e) {
      return ToolErrors.unexpected(spec.name(), e);
    }
  }
}

package dev.aino.mcp.tools;

import dev.aino.api.Role;
import dev.aino.model.Validate;

/**
 * One MCP tool: its name, what it does, the records its input decodes to and its output encodes
 * from (both also give the JSON schemas), its effect on the cluster and its handler.
 *
 * @param name snake_case tool name
 * @param title short human title
 * @param description what it does and when to use it, for the model
 * @param input the record the arguments decode to
 * @param output the record the structured result encodes from
 * @param effect what it changes
 * @param toolset the group that lists it
 * @param idempotent whether calling it twice with the same input does no more than once
 * @param handler the work
 * @param <I> the input record
 */
public record ToolSpec<I>(
    String name,
    String title,
    String description,
    Class<I> input,
    Class<?> output,
    Effect effect,
    Toolset toolset,
    boolean idempotent,
    Handler<I> handler) {

  public ToolSpec {
    Validate.nonBlank("name", name);
    Validate.nonBlank("description", description);
    Validate.required("input", input);
    Validate.required("output", output);
    Validate.required("effect", effect);
    Validate.required("toolset", toolset);
    Validate.required("handler", handler);
  }

  /**
   * Whether a caller of {@code role} may call this tool, so that {@code tools/list} shows it: every
   * role reads; a change of nodes (the tools of {@link Toolset#NODES}) needs a role that {@link
   * Role#mayChangeNodes() changes nodes}, any other change one that {@link
   * Role#mayChangeWorkloads() changes workloads}. The facade checks each change again; this keeps a
   * model from being offered tools that can only be refused.
   */
  public boolean allows(Role role) {
    if (effect == Effect.READ) {
      return true;
    }
    return toolset == Toolset.NODES ? role.mayChangeNodes() : role.mayChangeWorkloads();
  }

  /** What a tool changes, which decides its hints and whether the safety flags hide it. */
  public enum Effect {
    /** Reads only. */
    READ,
    /** Adds or changes desired state without stopping anything that runs. */
    WRITE,
    /** Stops or removes things that run. */
    DESTRUCTIVE
  }

  /** The work of a tool. */
  @FunctionalInterface
  public interface Handler<I> {
    /**
     * Does the work.
     *
     * @throws dev.aino.error.AinoException when the orchestrator refuses or fails
     */
    Reply handle(ToolContext context, I input);
  }

  /**
   * What a tool returns.
   *
   * @param structured the output record, sent as {@code structuredContent}
   * @param text a short human-readable summary, sent as text content
   */
  public record Reply(Object structured, String text) {
    public Reply {
      Validate.required("structured", structured);
      Validate.nonBlank("text", text);
    }
  }
}

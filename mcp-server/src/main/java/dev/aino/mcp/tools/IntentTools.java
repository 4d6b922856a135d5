package dev.aino.mcp.tools;

import dev.aino.intent.IntentEngine;
import dev.aino.intent.IntentOutcome;
import dev.aino.intent.IntentRequest;
import dev.aino.intent.IntentResult;
import dev.aino.json.Json;
import dev.aino.mcp.tools.ToolSpec.Effect;
import dev.aino.mcp.tools.ToolSpec.Reply;
import java.util.List;
import java.util.Map;

/**
 * {@code plan_intent} and {@code apply_intent}: words for a model whose user said what they want
 * and that would rather not build the spec itself. Both go through the one {@link IntentEngine}, so
 * the answer is the one REST and the CLI give.
 */
public final class IntentTools {
  private final IntentEngine engine;

  public IntentTools(IntentEngine engine) {
    this.engine = engine;
  }

  /** The tool specs. */
  public List<ToolSpec<?>> specs() {
    return List.of(
        new ToolSpec<>(
            "plan_intent",
            "Plan an intent",
            "Read what the user wants in words (\"scale web to 5\", \"why is db not running\")"
                + " and plan it, changing nothing: the resulting spec and plan, an answer, a"
                + " question back (NEEDS_INPUT) or a refusal naming the field.",
            Inputs.PlanIntent.class,
            IntentView.class,
            Effect.READ,
            Toolset.INTENTS,
            true,
            (ctx, in) ->
                reply(
                    engine
                        .as(CallerBound.current())
                        .handle(new IntentRequest(in.text(), in.conversation(), true, false)))),
        new ToolSpec<>(
            "apply_intent",
            "Apply an intent",
            "Do what the user asked for in words, as plan_intent would plan it. Delete, drain and"
                + " scale to 0 are destructive: the user is asked to confirm when the client"
                + " supports it; otherwise pass confirm=true once the user agreed.",
            Inputs.ApplyIntent.class,
            IntentView.class,
            Effect.DESTRUCTIVE,
            Toolset.INTENTS,
            false,
            this::apply));
  }

  private Reply apply(ToolContext ctx, Inputs.ApplyIntent in) {
    IntentResult r =
        engine
            .as(CallerBound.current())
            .handle(new IntentRequest(in.text(), in.conversation(), false, false));
    if (r.outcome() == IntentOutcome.NEEDS_INPUT && r.missing().equals(List.of("confirm"))) {
      ctx.requireConfirmation(Boolean.TRUE.equals(in.confirm()), r.question());
      r =
          engine
              .as(CallerBound.current())
              .handle(new IntentRequest("yes", r.conversation(), false, true));
    }
    return reply(r);
  }

  private static Reply reply(IntentResult r) {
    return new Reply(IntentView.of(r), r.summary());
  }

  /**
   * An intent result as a tool answers it: the plan reduced to its summary, so the output schema
   * stays small; the spec is the complete {@code WorkloadSpec} as JSON.
   */
  public record IntentView(
      String outcome,
      String action,
      String workload,
      String node,
      Map<String, Object> spec,
      String plan,
      String answer,
      String question,
      List<String> missing,
      String reason,
      String field,
      String conversation,
      String summary) {

    @SuppressWarnings("unchecked")
    static IntentView of(IntentResult r) {
      return new IntentView(
          r.outcome().name(),
          r.action() == null ? null : r.action().name(),
          r.workload(),
          r.node(),
          r.spec() == null ? null : Json.mapper().convertValue(r.spec(), Map.class),
          r.plan() == null ? null : r.plan().summary(),
          r.answer(),
          r.question(),
          r.missing(),
          r.reason(),
          r.field(),
          r.conversation(),
          r.summary());
    }
  }
}

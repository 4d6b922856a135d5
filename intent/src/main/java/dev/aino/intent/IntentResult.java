package dev.aino.intent;

import dev.aino.api.PlanResult;
import dev.aino.model.Validate;
import dev.aino.model.WorkloadSpec;
import java.util.List;

/**
 * The engine's answer to one message; every surface shows it as it is.
 *
 * @param outcome planned, applied, answered, needs input or rejected
 * @param action what the intent asked for; null when not even that was understood
 * @param workload the workload it is about, if any
 * @param node the node it is about, if any
 * @param spec the complete resulting workload spec for deploy, update, scale, autoscale and
 *     autoscale off ({@code spec.replicas} is the resulting count)
 * @param plan what applying the spec would do, from {@code OrchestratorService.plan}
 * @param answer the answer to a question (status, diagnose, logs, list, cluster status)
 * @param question for {@link IntentOutcome#NEEDS_INPUT}: the one question to answer
 * @param missing for {@link IntentOutcome#NEEDS_INPUT}: the fields the answer should give
 * @param reason for {@link IntentOutcome#REJECTED}: why
 * @param field for {@link IntentOutcome#REJECTED}: the field at fault
 * @param conversation the conversation id to send with the next message
 * @param summary one line saying what happened or would happen
 * @param generation the generation of the workload as this result last saw it: the one a plan was
 *     made from (confirming the plan applies it only if the workload is still there), the one an
 *     apply wrote, or, when a stale plan was refused, the one it is at now; null when no existing
 *     workload was read
 */
public record IntentResult(
    IntentOutcome outcome,
    IntentAction action,
    String workload,
    String node,
    WorkloadSpec spec,
    PlanResult plan,
    String answer,
    String question,
    List<String> missing,
    String reason,
    String field,
    String conversation,
    String summary,
    Long generation) {

  public IntentResult {
    Validate.required("outcome", outcome);
    Validate.required("conversation", conversation);
    Validate.nonBlank("summary", summary);
    missing = missing == null ? null : List.copyOf(missing);
    switch (outcome) {
      case NEEDS_INPUT -> {
        Validate.nonBlank("question", question);
        if (missing == null || missing.isEmpty()) {
          throw new IllegalArgumentException("NEEDS_INPUT names what is missing");
        }
      }
      case REJECTED -> {
        Validate.nonBlank("reason", reason);
        Validate.required("field", field);
      }
      case ANSWERED -> Validate.required("answer", answer);
      default -> {}
    }
  }

  static IntentResult rejected(
      IntentAction action, String workload, String field, String reason, String conversation) {
    return new IntentResult(
        IntentOutcome.REJECTED,
        action,
        workload,
        null,
        null,
        null,
        null,
        null,
        null,
        reason,
        field,
        conversation,
        "rejected: " + (field.isEmpty() ? reason : field + ": " + reason),
        null);
  }

  static IntentResult needsInput(
      IntentAction action,
      String workload,
      String question,
      List<String> missing,
      String conversation) {
    return new IntentResult(
        IntentOutcome.NEEDS_INPUT,
        action,
        workload,
        null,
        null,
        null,
        null,
        question,
        missing,
        null,
        null,
        conversation,
        question,
        null);
  }

  static IntentResult answered(
      IntentAction action, String workload, String answer, String summary, String conversation) {
    return new IntentResult(
        IntentOutcome.ANSWERED,
        action,
        workload,
        null,
        null,
        null,
        answer,
        null,
        null,
        null,
        null,
        conversation,
        summary,
        null);
  }
}

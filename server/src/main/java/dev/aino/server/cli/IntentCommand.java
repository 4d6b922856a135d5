package dev.aino.server.cli;

import dev.aino.intent.IntentOutcome;
import dev.aino.intent.IntentRequest;
import dev.aino.intent.IntentResult;
import dev.aino.model.WorkloadSpec;
import dev.aino.server.client.AinoClient;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code aino intent "scale web to 5"}: says what you want in words; prints the plan, and applies
 * it after a y/N prompt. The server's intent engine reads the words, so the CLI, REST, MCP and the
 * console understand the same sentences.
 */
@Command(
    name = "intent",
    mixinStandardHelpOptions = true,
    description = {
      "Say what you want in words: aino plans it, shows the plan, and applies it after you say y.",
      "Exit code 0 when applied or answered, 1 when rejected, not applied or a question is open."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  aino intent \"run 3 copies of nginx:1.27 called web with 256 MiB each\"",
      "  aino intent --yes \"scale web to 5\"",
      "  aino intent --dry-run \"why is db not running\"",
      "  aino intent --conversation c-1a2b3c \"api\"     answer the question it asked"
    })
final class IntentCommand extends ServerCommand {
  @Parameters(
      arity = "1..*",
      paramLabel = "WORDS",
      description = "What you want, e.g. \"scale web to 5\" (quotes optional).")
  private List<String> words;

  @Option(
      names = {"-y", "--yes"},
      description = "Apply without asking (delete, drain and scale to 0 included).")
  private boolean yes;

  @Option(names = "--dry-run", description = "Only show the plan; change nothing.")
  private boolean dryRun;

  @Option(
      names = "--conversation",
      paramLabel = "ID",
      description = "Continue a conversation: answer its question, or refer to 'it'.")
  private String conversation;

  IntentCommand(CliContext context) {
    super(context);
  }

  @Override
  int run(AinoClient client) {
    IntentResult plan =
        client.intent(new IntentRequest(String.join(" ", words), conversation, true, false));
    print(plan);
    if (plan.outcome() != IntentOutcome.PLANNED) {
      return exitCode(plan);
    }
    if (dryRun) {
      return 0;
    }
    if (!yes && !askYes()) {
      err().println("Not applied; nothing was changed.");
      return 1;
    }
    // The y at the prompt is the confirmation a destructive plan needs.
    IntentResult applied =
        client.intent(new IntentRequest("yes", plan.conversation(), false, true));
    print(applied);
    return exitCode(applied);
  }

  private boolean askYes() {
    out().print("Apply? [y/N] ");
    out().flush();
    try {
      String line =
          new BufferedReader(new InputStreamReader(context().stdin(), StandardCharsets.UTF_8))
              .readLine();
      if (line == null) {
        out().println();
        return false;
      }
      String answer = line.strip().toLowerCase(Locale.ROOT);
      return answer.equals("y") || answer.equals("yes");
    } catch (IOException e) {
      return false;
    }
  }

  private static int exitCode(IntentResult r) {
    return switch (r.outcome()) {
      case APPLIED, ANSWERED, PLANNED -> 0;
      case NEEDS_INPUT, REJECTED -> 1;
    };
  }

  private void print(IntentResult r) {
    if (printStructured(r)) {
      return;
    }
    switch (r.outcome()) {
      case ANSWERED -> out().println(r.answer());
      case REJECTED -> err().println("rejected: " + r.field() + ": " + r.reason());
      case NEEDS_INPUT -> {
        out().println(r.question());
        out().println("(answer with: aino intent --conversation " + r.conversation() + " \"...\")");
      }
      default -> {
        out().println(r.summary());
        if (r.spec() != null) {
          out().println("  spec: " + describe(r.spec()));
        }
      }
    }
  }

  private static String describe(WorkloadSpec s) {
    return s.image()
        + ", "
        + s.replicas()
        + " replica(s) of "
        + s.resources()
        + (s.command().isEmpty() ? "" : ", command " + String.join(" ", s.command()))
        + (s.env().isEmpty() ? "" : ", env " + s.env())
        + ", restart "
        + s.restartPolicy().name().toLowerCase(Locale.ROOT)
        + (s.placement().nodeSelector().isEmpty()
            ? ""
            : ", on nodes " + s.placement().nodeSelector())
        + ", "
        + s.placement().strategy().name().toLowerCase(Locale.ROOT)
        + (s.autoscale() == null
            ? ""
            : ", autoscale "
                + s.autoscale().minReplicas()
                + "-"
                + s.autoscale().maxReplicas()
                + " at "
                + s.autoscale().targetCpuPercent()
                + "% CPU");
  }
}

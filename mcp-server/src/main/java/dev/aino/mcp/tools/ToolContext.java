package dev.aino.mcp.tools;

import dev.aino.error.ValidationException;
import dev.aino.mcp.ConfirmationFallback;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.ElicitResult;
import io.modelcontextprotocol.spec.McpSchema.LoggingLevel;
import java.util.List;
import java.util.Map;

/** What a tool handler may ask of the client during a call: log, report progress, confirm. */
public final class ToolContext {
  static final String LOGGER = "aino";

  private final McpSyncServerExchange exchange;
  private final Object progressToken;
  private final ConfirmationFallback fallback;

  ToolContext(McpSyncServerExchange exchange, Object progressToken, ConfirmationFallback fallback) {
    this.exchange = exchange;
    this.progressToken = progressToken;
    this.fallback = fallback;
  }

  /**
   * The context of a read answered as one JSON response ({@link DirectReads}): there is no stream
   * to send a log, progress or question on, and a read needs none.
   */
  static ToolContext withoutStream() {
    return new ToolContext(null, null, ConfirmationFallback.DENY);
  }

  private McpSyncServerExchange exchange(String what) {
    if (exchange == null) {
      throw new IllegalStateException(
          "a tool answered as one JSON response cannot " + what + ": only reads are answered so");
    }
    return exchange;
  }

  /** Sends a log notification (the client's {@code logging/setLevel} filters it). */
  public void log(LoggingLevel level, String message) {
    exchange("log")
        .loggingNotification(
            McpSchema.LoggingMessageNotification.builder()
                .level(level)
                .logger(LOGGER)
                .data(message)
                .build());
  }

  /** Reports progress when the client asked for it with a progress token. */
  public void progress(double done, double total, String message) {
    if (progressToken != null) {
      exchange("report progress")
          .progressNotification(
              new McpSchema.ProgressNotification(progressToken, done, total, message));
    }
  }

  /**
   * Makes sure a destructive call is meant. A client that can ask its user (elicitation) is asked,
   * unless {@code confirmed} (the input's {@code confirm: true}) is trusted; a client that cannot
   * gets the configured {@link ConfirmationFallback}.
   *
   * @throws ValidationException naming {@code confirm} when the call is not confirmed
   */
  public void requireConfirmation(boolean confirmed, String question) {
    boolean modelMayConfirm = fallback != ConfirmationFallback.DENY;
    if (confirmed && modelMayConfirm) {
      return;
    }
    McpSchema.ClientCapabilities caps = exchange("ask for confirmation").getClientCapabilities();
    if (caps != null && caps.elicitation() != null) {
      askUser(question);
      return;
    }
    switch (fallback) {
      case ALLOW:
        log(
            LoggingLevel.WARNING,
            "went ahead unconfirmed (confirmation fallback: allow): " + question);
        return;
      case DENY:
        throw new ValidationException(
            "confirm",
            "this server lets only a person confirm destructive calls, and this client cannot ask"
                + " its user (no elicitation support); nothing was changed. Use a client with"
                + " elicitation, or the aino CLI");
      default:
        throw new ValidationException(
            "confirm",
            "must be true: "
                + question
                + " This client cannot ask the user, so pass \"confirm\": true"
                + " once the user agreed");
    }
  }

  private void askUser(String question) {
    Map<String, Object> schema =
        Map.of(
            "type", "object",
            "properties",
                Map.of(
                    "confirm",
                    Map.of("type", "boolean", "title", "Confirm", "description", question)),
            "required", List.of("confirm"));
    ElicitResult answer =
        exchange("ask for confirmation")
            .createElicitation(McpSchema.ElicitFormRequest.builder(question, schema).build());
    boolean accepted =
        answer.action() == ElicitResult.Action.ACCEPT
            && answer.content() != null
            && Boolean.TRUE.equals(answer.content().get("confirm"));
    if (!accepted) {
      throw new ValidationException(
          "confirm", "the user did not confirm (" + answer.action() + "); nothing was changed");
    }
  }
}

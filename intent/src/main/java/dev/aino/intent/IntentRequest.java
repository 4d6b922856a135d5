package dev.aino.intent;

import dev.aino.model.Validate;

/**
 * One message to the engine.
 *
 * @param text what the person or agent said, at most {@value #MAX_TEXT} characters
 * @param conversation the conversation it continues, or null to start one
 * @param dryRun true to only plan; false to apply (destructive actions still need a yes)
 * @param confirm true to confirm a destructive action (delete, drain, scale to 0) in this message
 */
public record IntentRequest(String text, String conversation, boolean dryRun, boolean confirm) {
  public static final int MAX_TEXT = 2000;

  public IntentRequest {
    Validate.nonBlank("text", text);
    Validate.range("text", text.length(), 1, MAX_TEXT);
    if (conversation != null) {
      ConversationId.check("conversation", conversation);
    }
  }

  /** A plan-only request that starts a conversation. */
  public static IntentRequest plan(String text) {
    return new IntentRequest(text, null, true, false);
  }
}

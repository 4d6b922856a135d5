package dev.aino.mcp;

import dev.aino.error.ValidationException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What a destructive tool call (delete, drain) needs when the client cannot ask its user through
 * elicitation. Clients that can ask always do, unless the call already carries {@code confirm:
 * true} and the fallback trusts it.
 */
public enum ConfirmationFallback {
  /** The call must carry {@code confirm: true}, which the model sets once the user agreed. */
  FLAG,
  /**
   * Only a person confirms: the user is asked through elicitation even when the call carries {@code
   * confirm: true}, and clients that cannot ask get no destructive call at all.
   */
  DENY,
  /** Unattended automation: the call goes ahead unconfirmed (and the client gets a log notice). */
  ALLOW;

  /** The command-line spelling, e.g. {@code flag}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses {@code option}'s value, naming the valid values when it is wrong. */
  public static ConfirmationFallback parse(String option, String text) {
    for (ConfirmationFallback value : values()) {
      if (value.id().equals(text)) {
        return value;
      }
    }
    throw new ValidationException(
        option,
        "must be one of "
            + Arrays.stream(values())
                .map(ConfirmationFallback::id)
                .collect(Collectors.joining(", "))
            + ", got \""
            + text
            + "\"");
  }
}

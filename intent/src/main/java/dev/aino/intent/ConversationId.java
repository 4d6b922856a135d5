package dev.aino.intent;

import dev.aino.error.ValidationException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** Conversation ids: chosen by the engine, or by a client that keeps its own. */
final class ConversationId {
  private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");
  private static final SecureRandom RANDOM = new SecureRandom();

  private ConversationId() {}

  static String check(String field, String id) {
    if (!SHAPE.matcher(id).matches()) {
      throw new ValidationException(
          field, "must be 1 to 64 letters, digits, '-' and '_', starting with a letter or digit");
    }
    return id;
  }

  /** A new id that nobody can guess, so one client cannot continue another's conversation. */
  static String random() {
    byte[] bytes = new byte[12];
    RANDOM.nextBytes(bytes);
    return "c-" + HexFormat.of().formatHex(bytes);
  }
}

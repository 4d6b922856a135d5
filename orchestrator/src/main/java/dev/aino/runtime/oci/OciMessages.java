package dev.aino.runtime.oci;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aino.json.Json;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Pulls the message out of an OCI runtime's log output, which is logrus text ({@code time=...
 * level=error msg="..."}), JSON lines ({@code {"level":"error","msg":"..."}}) or plain text.
 */
final class OciMessages {
  private static final Pattern TEXT_MSG = Pattern.compile("msg=\"((?:[^\"\\\\]|\\\\.)*)\"");
  private static final int MAX = 600;

  private OciMessages() {}

  /** The last error (else last) message in {@code output}, unquoted; the text itself otherwise. */
  static String lastError(String output) {
    String last = null;
    String lastError = null;
    for (String line : output.strip().split("\n")) {
      String message = message(line.strip());
      if (message == null) {
        continue;
      }
      last = message;
      if (line.contains("error") || line.contains("fatal")) {
        lastError = message;
      }
    }
    String chosen = lastError != null ? lastError : last != null ? last : output.strip();
    return chosen.length() > MAX ? chosen.substring(0, MAX) + "..." : chosen;
  }

  private static String message(String line) {
    if (line.isEmpty()) {
      return null;
    }
    if (line.startsWith("{")) {
      try {
        JsonNode node = Json.mapper().readTree(line);
        return node.hasNonNull("msg") ? node.get("msg").asText() : line;
      } catch (IOException e) {
        return line;
      }
    }
    Matcher matcher = TEXT_MSG.matcher(line);
    if (matcher.find()) {
      return matcher.group(1).replace("\\\"", "\"").replace("\\\\", "\\");
    }
    return line;
  }
}

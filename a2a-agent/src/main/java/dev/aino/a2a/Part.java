package dev.aino.a2a;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One part of a message or an artifact: text or structured data (the file parts of A2A are not
 * taken: aino acts on words and intents, not files).
 *
 * @param text the text, or null for a data part
 * @param data a JSON value, or null for a text part
 */
public record Part(String text, JsonNode data) {
  public static final String TEXT_PLAIN = "text/plain";
  public static final String APPLICATION_JSON = "application/json";

  public Part {
    if ((text == null) == (data == null)) {
      throw new IllegalArgumentException("a part holds either text or data");
    }
  }

  public static Part text(String text) {
    return new Part(text, null);
  }

  public static Part data(JsonNode data) {
    return new Part(null, data);
  }
}

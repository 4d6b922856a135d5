package dev.aino.server.format;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import dev.aino.error.ValidationException;
import dev.aino.json.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses JSON and YAML into trees. A YAML input may be a stream of several documents separated by
 * {@code ---}; empty documents (a stray separator) are skipped. Syntax errors become {@link
 * ValidationException}s naming the source, the line and the column.
 */
public final class Documents {
  private Documents() {}

  /**
   * Every document in {@code bytes}: one for JSON, each non-empty one of a YAML stream.
   *
   * @param source what the bytes are, for error messages, e.g. {@code body} or a file name
   */
  public static List<JsonNode> readAll(byte[] bytes, DocumentFormat format, String source) {
    try {
      if (format == DocumentFormat.JSON) {
        JsonNode node =
            Json.mapper()
                .readerFor(JsonNode.class)
                .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .readValue(bytes);
        return isEmpty(node) ? List.of() : List.of(node);
      }
      List<JsonNode> documents = new ArrayList<>();
      try (MappingIterator<JsonNode> it =
          Yaml.mapper().readerFor(JsonNode.class).readValues(bytes)) {
        while (it.hasNextValue()) {
          JsonNode node = it.nextValue();
          if (!isEmpty(node)) {
            documents.add(node);
          }
        }
      }
      return documents;
    } catch (JsonProcessingException e) {
      throw syntaxError(e, format, source);
    } catch (IOException e) {
      throw new ValidationException(source, "cannot be read: " + e.getMessage());
    }
  }

  /**
   * The one document in {@code bytes}.
   *
   * @throws ValidationException naming {@code source} when there is none or more than one
   */
  public static JsonNode readOne(byte[] bytes, DocumentFormat format, String source) {
    List<JsonNode> documents = readAll(bytes, format, source);
    if (documents.size() != 1) {
      throw new ValidationException(
          source,
          documents.isEmpty()
              ? "is empty; expected one " + format + " document"
              : "holds " + documents.size() + " documents; expected one");
    }
    return documents.get(0);
  }

  /** A document with nothing in it; the YAML parser reads one as an empty string. */
  private static boolean isEmpty(JsonNode node) {
    return node == null
        || node.isMissingNode()
        || node.isNull()
        || (node.isTextual() && node.textValue().isEmpty());
  }

  private static ValidationException syntaxError(
      JsonProcessingException e, DocumentFormat format, String source) {
    String reason = e.getOriginalMessage();
    reason = reason == null ? e.getClass().getSimpleName() : reason.lines().findFirst().orElse("");
    JsonLocation at = e.getLocation();
    String where =
        at == null || at.getLineNr() < 1
            ? ""
            : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
    return new ValidationException(source, "is not valid " + format + ": " + reason + where);
  }
}

package dev.aino.server.format;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.aino.error.ValidationException;
import dev.aino.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Parses JSON and YAML into trees. A YAML input may be a stream of several documents separated by
 * {@code ---}; empty documents (a stray separator) are skipped. A key given twice in one object is
 * refused and YAML aliases stand for the anchored value (see {@link TreeBuilder}). Syntax errors
 * become {@link ValidationException}s naming the source, what was expected, the line and the
 * column, and showing the line with a caret under the column.
 */
public final class Documents {
  private Documents() {}

  /**
   * Every document in {@code bytes}: one for JSON, each non-empty one of a YAML stream.
   *
   * @param source what the bytes are, for error messages, e.g. {@code body} or a file name
   */
  public static List<JsonNode> readAll(byte[] bytes, DocumentFormat format, String source) {
    JsonFactory factory =
        format == DocumentFormat.JSON ? Json.mapper().getFactory() : Yaml.mapper().getFactory();
    List<JsonNode> documents = new ArrayList<>();
    try (JsonParser parser = factory.createParser(bytes)) {
      TreeBuilder builder = new TreeBuilder(parser, source, bytes);
      while (parser.nextToken() != null) {
        if (format == DocumentFormat.JSON && !documents.isEmpty()) {
          throw new ValidationException(
              source,
              "is not valid JSON: it holds more than one value; send one object (line "
                  + parser.currentTokenLocation().getLineNr()
                  + ", column "
                  + parser.currentTokenLocation().getColumnNr()
                  + ")");
        }
        JsonNode node = builder.document();
        if (format == DocumentFormat.JSON || !isEmpty(node)) {
          documents.add(node);
        }
      }
    } catch (JsonProcessingException e) {
      throw syntaxError(e, e.getCause(), format, source, bytes);
    } catch (MarkedYAMLException e) {
      // From the scan for scalar anchors, which meets a syntax error before Jackson does.
      throw syntaxError(null, e, format, source, bytes);
    } catch (YAMLException e) {
      throw new ValidationException(source, "is not valid YAML: " + e.getMessage());
    } catch (IOException e) {
      throw new ValidationException(source, "cannot be read: " + e.getMessage());
    }
    documents.removeIf(Documents::isEmpty);
    return documents;
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

  /**
   * A syntax error: what the parser expected and found, where, and the offending line with a caret
   * under the column, as a compiler shows it. YAML's parser also says what it was inside of ("while
   * parsing a flow sequence"); that comes after the problem, with where that began.
   */
  private static ValidationException syntaxError(
      JsonProcessingException e,
      Throwable cause,
      DocumentFormat format,
      String source,
      byte[] bytes) {
    String reason = e == null ? null : e.getOriginalMessage();
    reason = reason == null ? "syntax error" : reason.lines().findFirst().orElse("");
    int line = -1;
    int column = -1;
    JsonLocation at = e == null ? null : e.getLocation();
    if (at != null && at.getLineNr() >= 1) {
      line = at.getLineNr();
      column = at.getColumnNr();
    }
    if (cause instanceof MarkedYAMLException marked && marked.getProblemMark() != null) {
      Mark problem = marked.getProblemMark();
      line = problem.getLine() + 1;
      column = problem.getColumn() + 1;
      reason = String.valueOf(marked.getProblem());
      if (marked.getContext() != null) {
        Mark context = marked.getContextMark();
        reason +=
            " "
                + marked.getContext()
                + (context == null
                    ? ""
                    : " that began at line "
                        + (context.getLine() + 1)
                        + ", column "
                        + (context.getColumn() + 1));
        if (context != null && blank(lineOf(bytes, line))) {
          // The problem is at the end of the input; the line that opened it says more.
          line = context.getLine() + 1;
          column = context.getColumn() + 1;
        }
      }
    }
    String where = line < 1 ? "" : " (line " + line + ", column " + column + ")";
    return new ValidationException(
        source, "is not valid " + format + ": " + reason + where + excerpt(bytes, line, column));
  }

  /** The line {@code line} (from 1) and a caret under {@code column}, or nothing. */
  private static String excerpt(byte[] bytes, int line, int column) {
    String text = lineOf(bytes, line);
    if (blank(text)) {
      return "";
    }
    if (text.length() > 120) {
      int from = Math.max(0, Math.min(column - 60, text.length() - 120));
      text = text.substring(from, from + 120);
      column -= from;
    }
    int caret = Math.max(1, Math.min(column, text.length() + 1));
    return "\n  " + text + "\n  " + " ".repeat(caret - 1) + "^";
  }

  private static String lineOf(byte[] bytes, int line) {
    if (line < 1) {
      return null;
    }
    return new String(bytes, StandardCharsets.UTF_8)
        .lines()
        .skip(line - 1L)
        .findFirst()
        .map(l -> l.replace('\t', ' '))
        .orElse(null);
  }

  private static boolean blank(String text) {
    return text == null || text.isBlank();
  }
}

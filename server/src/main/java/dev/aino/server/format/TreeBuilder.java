package dev.aino.server.format;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import dev.aino.error.ValidationException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.ScalarEvent;

/**
 * Builds one document's tree from a parser's tokens, refusing what Jackson's own tree reader lets
 * through silently:
 *
 * <ul>
 *   <li>a key given twice in one object (JSON and YAML), which would keep only the last value;
 *   <li>YAML aliases, which Jackson reads as the anchor's name ({@code *n} becomes {@code "n"}):
 *       here an alias stands for a copy of the value its anchor marks, as YAML means it;
 *   <li>alias bombs: the values that aliases stand for may add at most {@value #MAX_ALIASED} values
 *       to a document, so a few kilobytes cannot expand to gigabytes.
 * </ul>
 */
final class TreeBuilder {
  /** Most values that aliases may add to one document, counted with their nested values. */
  static final int MAX_ALIASED = 10_000;

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final JsonParser parser;
  private final YAMLParser yaml;
  private final String source;
  private final Map<String, JsonNode> anchors = new HashMap<>();
  private final Map<JsonNode, Integer> sizes = new IdentityHashMap<>();
  private int aliased;

  /**
   * Where a YAML scalar carries an anchor: Jackson's parser reports the anchors of objects and
   * lists but drops those of single values, so they are found by a scan of SnakeYAML's events and
   * matched to tokens by position (both come from the same event marks).
   */
  private final Map<Long, String> scalarAnchors;

  TreeBuilder(JsonParser parser, String source, byte[] bytes) {
    this.parser = parser;
    this.yaml = parser instanceof YAMLParser y ? y : null;
    this.source = source;
    this.scalarAnchors = yaml == null ? Map.of() : scalarAnchors(bytes);
  }

  private static Map<Long, String> scalarAnchors(byte[] bytes) {
    if (!contains(bytes, (byte) '&')) {
      return Map.of();
    }
    Map<Long, String> anchors = new HashMap<>();
    Reader reader = new InputStreamReader(new ByteArrayInputStream(bytes), StandardCharsets.UTF_8);
    for (Event event : new org.yaml.snakeyaml.Yaml().parse(reader)) {
      if (event instanceof ScalarEvent scalar && scalar.getAnchor() != null) {
        Mark at = scalar.getStartMark();
        anchors.put(position(at.getLine() + 1, at.getColumn() + 1), scalar.getAnchor());
      }
    }
    return anchors;
  }

  private static boolean contains(byte[] bytes, byte b) {
    for (byte x : bytes) {
      if (x == b) {
        return true;
      }
    }
    return false;
  }

  private static long position(long line, long column) {
    return (line << 32) | column;
  }

  /** The document whose first token the parser is on; anchors do not reach into the next one. */
  JsonNode document() throws IOException {
    anchors.clear();
    sizes.clear();
    aliased = 0;
    return value("");
  }

  private JsonNode value(String path) throws IOException {
    JsonToken token = parser.currentToken();
    if (yaml != null && yaml.isCurrentAlias()) {
      return alias(path, yaml.getText());
    }
    String anchor = null;
    if (yaml != null) {
      if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
        anchor = yaml.getCurrentAnchor();
      } else if (!scalarAnchors.isEmpty()) {
        JsonLocation at = parser.currentTokenLocation();
        anchor = scalarAnchors.get(position(at.getLineNr(), at.getColumnNr()));
      }
    }
    JsonNode node;
    switch (token) {
      case START_OBJECT -> node = object(path);
      case START_ARRAY -> node = array(path);
      case VALUE_STRING -> node = NODES.textNode(parser.getText());
      case VALUE_NUMBER_INT -> node = integer();
      case VALUE_NUMBER_FLOAT -> node = NODES.numberNode(parser.getDoubleValue());
      case VALUE_TRUE -> node = NODES.booleanNode(true);
      case VALUE_FALSE -> node = NODES.booleanNode(false);
      case VALUE_NULL -> node = NODES.nullNode();
      case VALUE_EMBEDDED_OBJECT -> node = embedded();
      default -> throw refused(path, "holds an unexpected " + token);
    }
    if (anchor != null) {
      anchors.put(anchor, node);
    }
    return node;
  }

  private JsonNode integer() throws IOException {
    return switch (parser.getNumberType()) {
      case INT -> NODES.numberNode(parser.getIntValue());
      case LONG -> NODES.numberNode(parser.getLongValue());
      default -> NODES.numberNode(parser.getBigIntegerValue());
    };
  }

  private JsonNode embedded() throws IOException {
    Object value = parser.getEmbeddedObject();
    return value instanceof byte[] bytes ? NODES.binaryNode(bytes) : NODES.pojoNode(value);
  }

  private ObjectNode object(String path) throws IOException {
    ObjectNode object = NODES.objectNode();
    JsonToken token;
    while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
      String key = parser.currentName();
      String at = path.isEmpty() ? key : path + "." + key;
      if (object.has(key)) {
        throw refused(at, "is given twice in one object; keep one");
      }
      parser.nextToken();
      object.set(key, value(at));
    }
    if (token != JsonToken.END_OBJECT) {
      throw refused(path, "ends before the object is closed");
    }
    return object;
  }

  private ArrayNode array(String path) throws IOException {
    ArrayNode array = NODES.arrayNode();
    int index = 0;
    while (parser.nextToken() != JsonToken.END_ARRAY) {
      if (parser.currentToken() == null) {
        throw refused(path, "ends before the list is closed");
      }
      array.add(value(path + "[" + index++ + "]"));
    }
    return array;
  }

  private JsonNode alias(String path, String anchor) {
    JsonNode target = anchors.get(anchor);
    if (target == null) {
      throw refused(
          path,
          "refers to the anchor &"
              + anchor
              + ", which is not defined before it in this document (or contains the alias)");
    }
    aliased += size(target);
    if (aliased > MAX_ALIASED) {
      throw refused(
          path,
          "makes the document's aliases stand for more than "
              + MAX_ALIASED
              + " values; write the values out or use fewer aliases");
    }
    return target.deepCopy();
  }

  /** How many values {@code node} holds, itself included; remembered, as aliases repeat. */
  private int size(JsonNode node) {
    Integer known = sizes.get(node);
    if (known != null) {
      return known;
    }
    int size = 1;
    for (JsonNode child : node) {
      size += size(child);
      if (size > MAX_ALIASED) {
        break;
      }
    }
    sizes.put(node, size);
    return size;
  }

  /** A refusal naming the field path, and the source, line and column it was read at. */
  private ValidationException refused(String path, String reason) {
    JsonLocation at = parser.currentTokenLocation();
    String line =
        at == null || at.getLineNr() < 1
            ? ""
            : "line " + at.getLineNr() + ", column " + at.getColumnNr();
    if (path.isEmpty()) {
      return new ValidationException(source, reason + (line.isEmpty() ? "" : " (" + line + ")"));
    }
    return new ValidationException(
        path, reason + " (" + source + (line.isEmpty() ? "" : ", " + line) + ")");
  }
}

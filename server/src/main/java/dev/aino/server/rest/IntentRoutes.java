package dev.aino.server.rest;

import static dev.aino.server.rest.RestApi.PREFIX;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.aino.error.ValidationException;
import dev.aino.intent.IntentEngine;
import dev.aino.intent.IntentRequest;
import dev.aino.json.Json;
import dev.aino.server.http.RequestCallers;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.Iterator;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code POST /api/v1/intents}: words in, an {@code IntentResult} out, whatever its outcome (a
 * rejected intent is an answer, not an HTTP error). Only a malformed body is a 400.
 */
final class IntentRoutes implements Routes {
  static final String PATH = PREFIX + "/intents";

  private static final String FIELDS = "text, dryRun, conversation, confirm";
  private static final Pattern DUPLICATE = Pattern.compile("Duplicate field '([^']*)'");

  private final IntentEngine engine;

  IntentRoutes(IntentEngine engine) {
    this.engine = engine;
  }

  @Override
  public void register(RoutesConfig routes) {
    routes.post(
        PATH, ctx -> ctx.json(engine.as(RequestCallers.ofRest(ctx.req())).handle(parse(ctx))));
  }

  private static IntentRequest parse(Context ctx) {
    String type = ctx.contentType();
    if (type != null && !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
      throw new ValidationException("Content-Type", "must be application/json, got " + type);
    }
    return parse(ctx.bodyAsBytes());
  }

  /**
   * Reads the body strictly: one JSON object with only the known fields, each at most once and of
   * its type, so a typo ({@code "dryrun": false}) is refused rather than silently ignored.
   */
  static IntentRequest parse(byte[] body) {
    if (body.length == 0) {
      throw new ValidationException(
          RequestBodies.SOURCE, "is empty; send {\"text\": \"...\"} as JSON");
    }
    JsonNode root;
    try {
      root =
          Json.mapper()
              .reader()
              .with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
              .with(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
              .readTree(body);
    } catch (JsonProcessingException e) {
      Matcher m = DUPLICATE.matcher(String.valueOf(e.getOriginalMessage()));
      if (m.find()) {
        throw new ValidationException(m.group(1), "appears more than once");
      }
      throw new ValidationException(
          RequestBodies.SOURCE, "is not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new ValidationException(RequestBodies.SOURCE, "cannot be read: " + e.getMessage());
    }
    if (root == null || !root.isObject()) {
      throw new ValidationException(
          RequestBodies.SOURCE, "must be a JSON object with the fields " + FIELDS);
    }
    Iterator<Map.Entry<String, JsonNode>> fields = root.fields();
    while (fields.hasNext()) {
      String name = fields.next().getKey();
      if (!isField(name)) {
        throw new ValidationException(name, "is not a field of an intent; expected " + FIELDS);
      }
    }
    JsonNode text = root.get("text");
    if (text == null || text.isNull()) {
      throw new ValidationException("text", "is required");
    }
    if (!text.isTextual()) {
      throw new ValidationException("text", "must be a string, got " + kind(text));
    }
    String conversation = null;
    JsonNode c = root.get("conversation");
    if (c != null && !c.isNull()) {
      if (!c.isTextual()) {
        throw new ValidationException("conversation", "must be a string, got " + kind(c));
      }
      conversation = c.textValue();
    }
    return new IntentRequest(
        text.textValue(), conversation, flag(root, "dryRun", true), flag(root, "confirm", false));
  }

  private static boolean isField(String name) {
    return name.equals("text")
        || name.equals("dryRun")
        || name.equals("conversation")
        || name.equals("confirm");
  }

  private static boolean flag(JsonNode root, String name, boolean absent) {
    JsonNode v = root.get(name);
    if (v == null || v.isNull()) {
      return absent;
    }
    if (!v.isBoolean()) {
      throw new ValidationException(name, "must be true or false, got " + kind(v));
    }
    return v.booleanValue();
  }

  private static String kind(JsonNode v) {
    return switch (v.getNodeType()) {
      case STRING -> "a string";
      case NUMBER -> "a number";
      case BOOLEAN -> "a boolean";
      case ARRAY -> "an array";
      case OBJECT -> "an object";
      default -> v.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    };
  }
}

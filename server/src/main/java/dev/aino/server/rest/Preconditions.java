package dev.aino.server.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aino.error.ValidationException;
import io.javalin.http.Context;

/**
 * The generation a change expects its workload to be at: {@code If-Match: "4"} (the {@code ETag} a
 * read of the workload returns) or {@code "expectedGeneration": 4} in the body. A change that
 * expects one is refused with 409 and the workload as it is when someone changed it since.
 */
final class Preconditions {
  static final String BODY_FIELD = "expectedGeneration";

  private Preconditions() {}

  /**
   * Removes {@code expectedGeneration} from a manifest, whose own fields do not include it, and
   * returns its value.
   *
   * @throws ValidationException naming {@code expectedGeneration} when it is not a whole number
   */
  static Long takeFromBody(JsonNode document) {
    if (!(document instanceof ObjectNode object) || !object.has(BODY_FIELD)) {
      return null;
    }
    JsonNode value = object.remove(BODY_FIELD);
    if (value.isNull()) {
      return null;
    }
    if (!value.isIntegralNumber() || value.asLong() < 1) {
      throw new ValidationException(
          BODY_FIELD, "must be a generation, a whole number from 1, got " + value);
    }
    return value.asLong();
  }

  /**
   * The generation the request expects: the {@code If-Match} header's, the body's, or null when
   * neither says; both must agree when both are given.
   *
   * @throws ValidationException naming {@code If-Match} when it is not one generation, or when it
   *     disagrees with the body
   */
  static Long expectedGeneration(Context ctx, Long fromBody) {
    String header = ctx.header("If-Match");
    if (header == null || header.isBlank()) {
      return fromBody;
    }
    String value = header.strip();
    if (value.startsWith("W/")) {
      value = value.substring(2);
    }
    if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
      value = value.substring(1, value.length() - 1);
    }
    long generation;
    try {
      generation = Long.parseLong(value);
    } catch (NumberFormatException e) {
      generation = 0;
    }
    if (generation < 1) {
      throw new ValidationException(
          "If-Match",
          "must be the workload's generation as its ETag gives it, e.g. \"4\", got "
              + (header.length() > 40 ? header.substring(0, 37) + "..." : header));
    }
    if (fromBody != null && fromBody != generation) {
      throw new ValidationException(
          "If-Match", "says generation " + generation + " but expectedGeneration says " + fromBody);
    }
    return generation;
  }
}

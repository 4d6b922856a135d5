package dev.aino.server.rest;

import dev.aino.api.PageRequest;
import dev.aino.error.ValidationException;
import dev.aino.model.InstancePhase;
import dev.aino.model.Ownership;
import io.javalin.http.Context;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.stream.Collectors;

/** Reads query parameters; a bad value is a {@link ValidationException} naming the parameter. */
final class QueryParams {
  private QueryParams() {}

  /**
   * Refuses a query parameter other than {@code allowed}, and one given twice, naming it: a
   * misspelt {@code ?wacth=true} would otherwise answer as if it were not there.
   */
  static void only(Context ctx, String... allowed) {
    java.util.List<String> known = java.util.List.of(allowed);
    ctx.queryParamMap()
        .forEach(
            (name, values) -> {
              if (!known.contains(name)) {
                throw new ValidationException(
                    name,
                    "is not a parameter of this route"
                        + (known.isEmpty() ? "" : "; it takes " + String.join(", ", known)));
              }
              if (values.size() > 1) {
                throw new ValidationException(
                    name, "is given " + values.size() + " times; give it once");
              }
            });
  }

  /** The parameter's value, or null when it is absent or blank. */
  static String optional(Context ctx, String name) {
    String value = ctx.queryParam(name);
    return value == null || value.isBlank() ? null : value.strip();
  }

  /** A whole number between {@code min} and {@code max}; null when absent. */
  static Integer integer(Context ctx, String name, int min, int max) {
    String text = optional(ctx, name);
    if (text == null) {
      return null;
    }
    BigInteger value;
    try {
      value = new BigInteger(text);
    } catch (NumberFormatException e) {
      throw new ValidationException(
          name,
          "must be a whole number between " + min + " and " + max + ", got \"" + clip(text) + "\"");
    }
    if (value.compareTo(BigInteger.valueOf(min)) < 0
        || value.compareTo(BigInteger.valueOf(max)) > 0) {
      throw new ValidationException(
          name, "must be between " + min + " and " + max + ", got " + clip(text));
    }
    return value.intValueExact();
  }

  private static String clip(String text) {
    return text.length() > 40 ? text.substring(0, 37) + "..." : text;
  }

  /** {@code ?name=true} or {@code false}; absent is false. */
  static boolean flag(Context ctx, String name) {
    String value = optional(ctx, name);
    if (value == null || value.equalsIgnoreCase("false")) {
      return false;
    }
    if (value.equalsIgnoreCase("true")) {
      return true;
    }
    throw new ValidationException(name, "must be true or false, got \"" + value + "\"");
  }

  /** {@code ?ownership=strict} or {@code shared}, in any letter case; null when absent. */
  static Ownership ownership(Context ctx, String name) {
    String value = optional(ctx, name);
    if (value == null) {
      return null;
    }
    for (Ownership o : Ownership.values()) {
      if (o.name().equalsIgnoreCase(value)) {
        return o;
      }
    }
    throw new ValidationException(name, "must be strict or shared, got \"" + clip(value) + "\"");
  }

  /**
   * An instance phase as JSON spells it ({@code RUNNING}) or in any other letter case ({@code
   * running}); null when absent.
   */
  static InstancePhase phase(Context ctx, String name) {
    String value = optional(ctx, name);
    if (value == null) {
      return null;
    }
    for (InstancePhase phase : InstancePhase.values()) {
      if (phase.name().equalsIgnoreCase(value)) {
        return phase;
      }
    }
    throw new ValidationException(
        name,
        "must be one of "
            + Arrays.stream(InstancePhase.values())
                .map(InstancePhase::name)
                .collect(Collectors.joining(", "))
            + ", got \""
            + value
            + "\"");
  }

  /** The most items of a REST page unless {@code ?limit=} says otherwise. */
  static final int DEFAULT_PAGE_LIMIT = 500;

  /**
   * {@code ?limit=} (default {@value #DEFAULT_PAGE_LIMIT}, at most {@link PageRequest#MAX_LIMIT})
   * and {@code ?cursor=}, the {@code nextCursor} of the previous page.
   */
  static PageRequest page(Context ctx) {
    return PageRequest.parse(
        optional(ctx, "limit"), optional(ctx, "cursor"), DEFAULT_PAGE_LIMIT, PageRequest.MAX_LIMIT);
  }
}

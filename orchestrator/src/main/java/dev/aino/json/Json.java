package dev.aino.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.aino.error.AinoException;
import dev.aino.error.ValidationException;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The one JSON mapping of the domain model, shared by the store and every adapter, and the one
 * place that turns a decoding failure into a {@link ValidationException} naming the field path.
 */
public final class Json {
  private static final ObjectMapper MAPPER =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
          // Older readers must accept documents that newer writers extended.
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .setSerializationInclusion(JsonInclude.Include.NON_NULL);

  private Json() {}

  /** The shared mapper; treat as read-only configuration. */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  public static byte[] encode(Object value) {
    try {
      return MAPPER.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new AinoException(
          dev.aino.error.ErrorCode.INTERNAL,
          "cannot encode " + value.getClass().getSimpleName(),
          e);
    }
  }

  public static JsonNode tree(Object value) {
    return MAPPER.valueToTree(value);
  }

  /** Decodes bytes; errors name the path below {@code root} (e.g. {@code spec}). */
  public static <T> T decode(byte[] bytes, Class<T> type, String root) {
    try {
      return MAPPER.readValue(bytes, type);
    } catch (IOException e) {
      throw toValidation(e, root);
    }
  }

  /** Decodes a tree; errors name the path below {@code root}. */
  public static <T> T decode(JsonNode node, Class<T> type, String root) {
    try {
      return MAPPER.treeToValue(node, type);
    } catch (IOException | IllegalArgumentException e) {
      throw toValidation(e, root);
    }
  }

  /**
   * Maps Jackson's failure to the field path below {@code root} and a reason a person can act on;
   * for code that drives Jackson itself (streaming readers) rather than through {@link #decode}.
   */
  public static ValidationException toValidation(Exception e, String root) {
    String path = root == null ? "" : root;
    Throwable cause = e;
    if (e instanceof JsonMappingException jme) {
      String at = pathOf(jme);
      path = join(path, at);
      Throwable inner = jme.getCause();
      while (inner != null && !(inner instanceof ValidationException)) {
        inner = inner.getCause();
      }
      if (inner instanceof ValidationException ve) {
        return ve.under(path);
      }
      if (jme instanceof InvalidFormatException ife) {
        Class<?> target = ife.getTargetType();
        String expected = target == null ? "a valid value" : expected(target, null);
        return new ValidationException(
            path, "must be " + expected + ", got " + describeValue(ife.getValue()));
      }
      if (jme instanceof MismatchedInputException mie && mie.getTargetType() != null) {
        return new ValidationException(path, "must be " + expected(mie.getTargetType(), null));
      }
      cause = jme;
    }
    return new ValidationException(path, "is not valid JSON: " + firstLine(cause));
  }

  static String pathOf(JsonMappingException e) {
    StringBuilder sb = new StringBuilder();
    for (JsonMappingException.Reference ref : e.getPath()) {
      if (ref.getFieldName() != null) {
        if (sb.length() > 0) {
          sb.append('.');
        }
        sb.append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        sb.append('[').append(ref.getIndex()).append(']');
      }
    }
    return sb.toString();
  }

  private static String join(String a, String b) {
    if (a.isEmpty()) {
      return b;
    }
    return b.isEmpty() ? a : a + "." + b;
  }

  /**
   * What a value of {@code type} looks like in JSON, in words and without Java type names: "a whole
   * number", "a string", "a list", "an object", "one of ALWAYS, ON_FAILURE, NEVER".
   *
   * @param full the full type when known (for element types), or null
   */
  static String expected(Class<?> type, JavaType full) {
    if (type.isEnum()) {
      return "one of "
          + Arrays.stream(type.getEnumConstants())
              .map(Object::toString)
              .collect(Collectors.joining(", "));
    }
    if (type == int.class
        || type == long.class
        || type == short.class
        || type == byte.class
        || type == Integer.class
        || type == Long.class
        || type == Short.class
        || type == Byte.class
        || type == BigInteger.class) {
      return "a whole number";
    }
    if (type == double.class
        || type == float.class
        || type == Double.class
        || type == Float.class
        || type == BigDecimal.class
        || type == Number.class) {
      return "a number";
    }
    if (type == boolean.class || type == Boolean.class) {
      return "true or false";
    }
    if (type == String.class || type == char.class || type == Character.class) {
      return "a string";
    }
    if (type == Instant.class) {
      return "a time such as 2026-01-02T03:04:05Z";
    }
    if (type == Duration.class) {
      return "a duration such as PT30S";
    }
    if (Collection.class.isAssignableFrom(type) || type.isArray()) {
      String of = full == null || full.getContentType() == null ? "" : elements(full);
      return "a list" + of;
    }
    if (Map.class.isAssignableFrom(type)) {
      JavaType values = full == null ? null : full.getContentType();
      return values != null && values.getRawClass() == String.class
          ? "an object whose values are strings"
          : "an object";
    }
    return "an object";
  }

  private static String elements(JavaType list) {
    JavaType element = list.getContentType();
    if (element.getRawClass() == String.class) {
      return " of strings";
    }
    return "";
  }

  /** A JSON value in words, for "got ...": {@code "web"}, {@code 2.5}, {@code an object}. */
  static String describe(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return "null";
    }
    if (node.isTextual()) {
      return "the string " + quote(node.textValue());
    }
    if (node.isObject()) {
      return "an object";
    }
    if (node.isArray()) {
      return "a list";
    }
    return node.asText();
  }

  static String describeValue(Object value) {
    if (value instanceof String text) {
      return quote(text);
    }
    return String.valueOf(value);
  }

  private static String quote(String text) {
    String shown = text.length() > 80 ? text.substring(0, 77) + "..." : text;
    return "\"" + shown + "\"";
  }

  private static String firstLine(Throwable e) {
    String msg = e instanceof JsonMappingException jme ? jme.getOriginalMessage() : e.getMessage();
    if (msg == null) {
      return e.getClass().getSimpleName();
    }
    int nl = msg.indexOf('\n');
    return nl < 0 ? msg : msg.substring(0, nl);
  }
}

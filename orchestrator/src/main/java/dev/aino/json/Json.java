package dev.aino.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
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
import java.util.Arrays;
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
        String expected = target == null ? "a valid value" : describe(target);
        return new ValidationException(path, "must be " + expected + ", got " + ife.getValue());
      }
      if (jme instanceof MismatchedInputException mie && mie.getTargetType() != null) {
        return new ValidationException(
            path, "must be " + describe(mie.getTargetType()) + " (" + firstLine(jme) + ")");
      }
      cause = jme;
    }
    return new ValidationException(path, "is not valid JSON: " + firstLine(cause));
  }

  private static String pathOf(JsonMappingException e) {
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

  private static String describe(Class<?> type) {
    if (type.isEnum()) {
      return "one of "
          + Arrays.stream(type.getEnumConstants())
              .map(Object::toString)
              .collect(Collectors.joining(", "));
    }
    if (type == int.class || type == long.class || type == Integer.class || type == Long.class) {
      return "a whole number";
    }
    if (type == boolean.class || type == Boolean.class) {
      return "true or false";
    }
    if (type == String.class) {
      return "a string";
    }
    return "a " + type.getSimpleName() + " object";
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

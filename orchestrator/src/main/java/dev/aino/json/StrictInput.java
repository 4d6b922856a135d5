package dev.aino.json;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.type.LogicalType;
import dev.aino.error.AinoException;
import dev.aino.error.ErrorCode;
import dev.aino.error.ValidationErrors;
import dev.aino.error.ValidationException;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Decodes what people and agents send (manifests, request bodies, tool arguments): strictly, and
 * reporting every problem of a document at once. The store keeps reading leniently through {@link
 * Json} (a newer writer may have added fields); input must not be silently changed instead:
 *
 * <ul>
 *   <li>no coercion between JSON types: {@code 2.5} is not a whole number, {@code 5} and {@code
 *       true} are not strings, {@code 1} is not an enum constant, {@code "3"} is not a number;
 *   <li>no unknown fields, each reported with its path and the nearest known name when one is close
 *       ({@code spec.replica: is not a known field; did you mean `replicas`?});
 *   <li>no duplicate keys when parsing JSON text through {@link #mapper()}.
 * </ul>
 *
 * Records are decoded field by field, so that every wrong field of a document is reported; each
 * record's constructor then validates it as usual, and its refusal is reported under its path.
 */
public final class StrictInput {
  private static final ObjectMapper MAPPER = strict(Json.mapper().copy());

  private StrictInput() {}

  /**
   * The strict mapper for input: the shared JSON mapping with every coercion, unknown field and
   * duplicate key refused. Treat as read-only configuration.
   */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /** Makes {@code mapper} strict in the ways this class describes; returns it. */
  public static ObjectMapper strict(ObjectMapper mapper) {
    mapper
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
        .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
        .disable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
        .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    refuse(mapper, LogicalType.Textual, CoercionInputShape.Integer);
    refuse(mapper, LogicalType.Textual, CoercionInputShape.Float);
    refuse(mapper, LogicalType.Textual, CoercionInputShape.Boolean);
    refuse(mapper, LogicalType.Integer, CoercionInputShape.Float);
    refuse(mapper, LogicalType.Integer, CoercionInputShape.String);
    refuse(mapper, LogicalType.Integer, CoercionInputShape.Boolean);
    refuse(mapper, LogicalType.Float, CoercionInputShape.String);
    refuse(mapper, LogicalType.Float, CoercionInputShape.Boolean);
    refuse(mapper, LogicalType.Boolean, CoercionInputShape.Integer);
    refuse(mapper, LogicalType.Boolean, CoercionInputShape.Float);
    refuse(mapper, LogicalType.Boolean, CoercionInputShape.String);
    refuse(mapper, LogicalType.Enum, CoercionInputShape.Integer);
    for (LogicalType type : LogicalType.values()) {
      refuse(mapper, type, CoercionInputShape.EmptyString);
    }
    return mapper;
  }

  private static void refuse(ObjectMapper mapper, LogicalType type, CoercionInputShape shape) {
    mapper.coercionConfigFor(type).setCoercion(shape, CoercionAction.Fail);
  }

  /**
   * Decodes {@code node} into {@code type}, strictly.
   *
   * @param root the path of {@code node} in its document, for error messages; empty for the root
   * @throws ValidationException with every error of the document, each naming its field path
   */
  public static <T> T decode(JsonNode node, Class<T> type, String root) {
    ValidationErrors errors = new ValidationErrors();
    Object value = read(node, MAPPER.constructType(type), root == null ? "" : root, errors);
    errors.throwIfAny();
    return type.cast(value);
  }

  private static Object read(JsonNode node, JavaType type, String path, ValidationErrors errors) {
    Class<?> raw = type.getRawClass();
    if (node == null || node.isMissingNode() || node.isNull()) {
      return absent(raw);
    }
    if (raw.isRecord()) {
      return readRecord(node, raw, path, errors);
    }
    if (raw == List.class && node.isArray() && type.getContentType().getRawClass().isRecord()) {
      // Element by element, so that every wrong element of a list of records is reported.
      List<Object> list = new ArrayList<>(node.size());
      for (int i = 0; i < node.size(); i++) {
        list.add(read(node.get(i), type.getContentType(), path + "[" + i + "]", errors));
      }
      return list;
    }
    try {
      return MAPPER.readerFor(type).readValue(node);
    } catch (IOException | IllegalArgumentException e) {
      errors.add(problem(e, node, type, path));
      return null;
    }
  }

  /** What an omitted field decodes to: zero for numbers, false, or null. */
  private static Object absent(Class<?> raw) {
    if (!raw.isPrimitive()) {
      return null;
    }
    if (raw == boolean.class) {
      return false;
    }
    if (raw == char.class) {
      return '\0';
    }
    if (raw == long.class) {
      return 0L;
    }
    if (raw == double.class) {
      return 0.0;
    }
    if (raw == float.class) {
      return 0.0f;
    }
    if (raw == short.class) {
      return (short) 0;
    }
    if (raw == byte.class) {
      return (byte) 0;
    }
    return 0;
  }

  private static Object readRecord(
      JsonNode node, Class<?> type, String path, ValidationErrors errors) {
    if (!node.isObject()) {
      errors.add(path, "must be an object, got " + Json.describe(node));
      return null;
    }
    RecordComponent[] components = type.getRecordComponents();
    Map<String, RecordComponent> byName = new LinkedHashMap<>();
    for (RecordComponent c : components) {
      byName.put(jsonName(c), c);
    }
    int before = errors.count();
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!byName.containsKey(name)) {
        errors.add(join(path, name), unknownField(name, byName.keySet()));
      }
    }
    Object[] values = new Object[components.length];
    Class<?>[] types = new Class<?>[components.length];
    for (int i = 0; i < components.length; i++) {
      RecordComponent c = components[i];
      String name = jsonName(c);
      types[i] = c.getType();
      values[i] =
          read(
              node.get(name),
              MAPPER.getTypeFactory().constructType(c.getGenericType()),
              join(path, name),
              errors);
    }
    if (errors.count() > before) {
      return null;
    }
    try {
      Constructor<?> constructor = type.getDeclaredConstructor(types);
      constructor.setAccessible(true);
      return constructor.newInstance(values);
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof ValidationException ve) {
        errors.add(ve.under(path));
        return null;
      }
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw new AinoException(ErrorCode.INTERNAL, "cannot build " + type.getSimpleName(), e);
    } catch (ReflectiveOperationException e) {
      throw new AinoException(ErrorCode.INTERNAL, "cannot build " + type.getSimpleName(), e);
    }
  }

  private static String jsonName(RecordComponent c) {
    JsonProperty renamed = c.getAccessor().getAnnotation(JsonProperty.class);
    return renamed == null || renamed.value().isEmpty() ? c.getName() : renamed.value();
  }

  /** Why {@code name} is refused, with the nearest known name when one is close. */
  static String unknownField(String name, Collection<String> known) {
    String nearest = nearest(name, known);
    if (nearest != null) {
      return "is not a known field; did you mean `" + nearest + "`?";
    }
    return "is not a known field; the fields here are " + String.join(", ", known);
  }

  /** The known name closest to {@code name} by edit distance, when it is close; else null. */
  static String nearest(String name, Collection<String> known) {
    String lower = name.toLowerCase(Locale.ROOT);
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : known) {
      String c = candidate.toLowerCase(Locale.ROOT);
      int distance = editDistance(lower, c);
      boolean prefix = lower.length() >= 3 && (c.startsWith(lower) || lower.startsWith(c));
      int allowed = Math.max(1, Math.min(3, c.length() / 3));
      if ((distance <= allowed || prefix) && distance < bestDistance) {
        best = candidate;
        bestDistance = distance;
      }
    }
    return best;
  }

  /**
   * Edit distance with insertions, deletions, substitutions and swaps of neighbours (optimal string
   * alignment), so that {@code prot} is one step from {@code port}, as people type.
   */
  static int editDistance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(d[i - 1][j - 1] + cost, Math.min(d[i - 1][j], d[i][j - 1]) + 1);
        if (i > 1
            && j > 1
            && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }

  /** A decoding failure of {@code node} (expected to be a {@code type}) as a field error. */
  private static ValidationException problem(
      Exception e, JsonNode node, JavaType type, String path) {
    if (e instanceof JsonMappingException jme) {
      List<JsonMappingException.Reference> refs = jme.getPath();
      String at = join(path, Json.pathOf(jme));
      Throwable inner = jme.getCause();
      while (inner != null && !(inner instanceof ValidationException)) {
        inner = inner.getCause();
      }
      if (inner instanceof ValidationException ve) {
        return ve.under(at);
      }
      if (jme instanceof UnrecognizedPropertyException upe) {
        List<String> known = new ArrayList<>();
        if (upe.getKnownPropertyIds() != null) {
          upe.getKnownPropertyIds().forEach(id -> known.add(String.valueOf(id)));
        }
        return new ValidationException(at, unknownField(upe.getPropertyName(), known));
      }
      if (jme instanceof MismatchedInputException mie) {
        JsonNode offending = locate(node, refs);
        JavaType target =
            refs.isEmpty()
                ? type
                : (mie.getTargetType() == null ? null : MAPPER.constructType(mie.getTargetType()));
        String expected = target == null ? null : Json.expected(target.getRawClass(), target);
        if (jme instanceof InvalidFormatException ife && offending == null) {
          return new ValidationException(
              at, "must be " + expected + ", got " + Json.describeValue(ife.getValue()));
        }
        if (expected != null && offending != null) {
          return new ValidationException(
              at, "must be " + expected + ", got " + Json.describe(offending));
        }
      }
    }
    if (e instanceof InputCoercionException ice) {
      Class<?> target = ice.getTargetType();
      String range =
          target == int.class || target == Integer.class
              ? " from " + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE
              : " from " + Long.MIN_VALUE + " to " + Long.MAX_VALUE;
      return new ValidationException(
          path, "must be a whole number" + range + ", got " + Json.describe(node));
    }
    return Json.toValidation(e, path);
  }

  /** The node a Jackson path points at below {@code node}; null when it cannot be followed. */
  private static JsonNode locate(JsonNode node, List<JsonMappingException.Reference> refs) {
    JsonNode at = node;
    for (JsonMappingException.Reference ref : refs) {
      if (at == null) {
        return null;
      }
      at = ref.getFieldName() != null ? at.get(ref.getFieldName()) : at.get(ref.getIndex());
    }
    return at;
  }

  private static String join(String a, String b) {
    if (a.isEmpty()) {
      return b;
    }
    if (b.isEmpty()) {
      return a;
    }
    return b.startsWith("[") ? a + b : a + "." + b;
  }
}

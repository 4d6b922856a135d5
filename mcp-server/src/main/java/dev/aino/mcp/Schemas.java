package dev.aino.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.victools.jsonschema.generator.FieldScope;
import com.github.victools.jsonschema.generator.Option;
import com.github.victools.jsonschema.generator.OptionPreset;
import com.github.victools.jsonschema.generator.SchemaGenerator;
import com.github.victools.jsonschema.generator.SchemaGeneratorConfigBuilder;
import com.github.victools.jsonschema.generator.SchemaVersion;
import com.github.victools.jsonschema.module.jackson.JacksonModule;
import com.github.victools.jsonschema.module.jackson.JacksonOption;
import dev.aino.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

/**
 * JSON Schemas (2020-12) of tool inputs and outputs (an outline of the latter, see {@link
 * #output}), generated from the Java records so that they never drift from what the tools decode
 * and return. Records of the core model carry no schema annotations, so descriptions, required
 * fields and bounds come from {@code schema.properties} next to this class, keyed {@code
 * SimpleClassName.field} (suffixes {@code .required}, {@code .minimum}, {@code .maximum}).
 */
public final class Schemas {
  private static final Properties RULES = load();
  private static final SchemaGenerator GENERATOR = generator();

  /** Output schemas type the result's fields, not the fields of the objects in them. */
  private static final int OUTLINE_DEPTH = 1;

  private static final Map<Class<?>, Map<String, Object>> INPUTS = new ConcurrentHashMap<>();
  private static final Map<Class<?>, Map<String, Object>> OUTPUTS = new ConcurrentHashMap<>();

  private Schemas() {}

  /**
   * The input schema of a record, as the map the MCP SDK sends: every field with its description,
   * requirement and bounds, since the model writes these arguments.
   */
  public static Map<String, Object> input(Class<?> type) {
    return INPUTS.computeIfAbsent(type, t -> toMap(withoutItemDescriptions(generate(t))));
  }

  /**
   * The output schema of a record: an outline that lets a client check and read the result, and no
   * more. The result's fields and the fields of the objects in them are typed; objects deeper than
   * that are just objects; no descriptions and no bounds (they help a model write arguments, and a
   * model reads a result's values themselves).
   *
   * <p>Why: every client sends every tool's schemas to its model at the start of every
   * conversation. Full output schemas made up more than half of aino's {@code tools/list} (about
   * 12,000 tokens for 18 tools), while they told the model nothing it needs to choose or call a
   * tool.
   */
  public static Map<String, Object> output(Class<?> type) {
    return OUTPUTS.computeIfAbsent(
        type,
        t -> {
          ObjectNode schema = generate(t);
          outlineProperties(schema, 1);
          return toMap(schema);
        });
  }

  private static ObjectNode generate(Class<?> type) {
    ObjectNode schema = GENERATOR.generateSchema(type);
    schema.remove("$schema");
    return schema;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> toMap(ObjectNode schema) {
    return Collections.unmodifiableMap(Json.mapper().convertValue(schema, Map.class));
  }

  /**
   * Drops the description the generator copies from a list field onto the list's items, where it
   * says the same thing a second time.
   */
  private static ObjectNode withoutItemDescriptions(ObjectNode schema) {
    JsonNode items = schema.get("items");
    if (items instanceof ObjectNode itemSchema) {
      itemSchema.remove("description");
      withoutItemDescriptions(itemSchema);
    }
    JsonNode properties = schema.get("properties");
    if (properties != null) {
      properties.forEach(p -> withoutItemDescriptions((ObjectNode) p));
    }
    return schema;
  }

  /**
   * Cuts the properties of {@code schema}, which sit at {@code depth} (1 = the result's fields).
   */
  private static void outlineProperties(ObjectNode schema, int depth) {
    JsonNode properties = schema.get("properties");
    if (properties == null) {
      return;
    }
    if (depth > OUTLINE_DEPTH) {
      schema.remove("properties");
      schema.remove("required");
      return;
    }
    properties.forEach(p -> outline((ObjectNode) p, depth));
  }

  private static void outline(ObjectNode property, int depth) {
    property.remove(List.of("description", "minimum", "maximum"));
    outlineProperties(property, depth + 1);
    JsonNode items = property.get("items");
    if (items instanceof ObjectNode itemSchema) {
      itemSchema.remove(List.of("description", "minimum", "maximum"));
      outlineProperties(itemSchema, depth + 1);
    }
  }

  private static SchemaGenerator generator() {
    SchemaGeneratorConfigBuilder config =
        new SchemaGeneratorConfigBuilder(
                Json.mapper(), SchemaVersion.DRAFT_2020_12, OptionPreset.PLAIN_JSON)
            .with(new JacksonModule(JacksonOption.FLATTENED_ENUMS_FROM_JSONVALUE))
            .with(Option.INLINE_ALL_SCHEMAS, Option.FLATTENED_ENUMS);
    config.forFields().withDescriptionResolver(f -> rule(f, ""));
    config.forFields().withRequiredCheck(f -> "true".equals(rule(f, ".required")));
    config.forFields().withNumberInclusiveMinimumResolver(f -> number(rule(f, ".minimum")));
    config.forFields().withNumberInclusiveMaximumResolver(f -> number(rule(f, ".maximum")));
    return new SchemaGenerator(config.build());
  }

  private static String rule(FieldScope field, String suffix) {
    String value = RULES.getProperty(key(field) + suffix);
    // An empty description: the field's name says it all.
    return value == null || value.isEmpty() ? null : value;
  }

  private static String key(FieldScope field) {
    return field.getDeclaringType().getErasedType().getSimpleName() + "." + field.getDeclaredName();
  }

  /**
   * Whether {@code schema.properties} lists {@code Type.field}, with a description or with none on
   * purpose; a field it does not list was forgotten.
   */
  public static boolean listed(String typeDotField) {
    return RULES.containsKey(typeDotField);
  }

  private static BigDecimal number(String text) {
    return text == null ? null : new BigDecimal(text);
  }

  private static Properties load() {
    Properties p = new Properties();
    try (InputStream in = Schemas.class.getResourceAsStream("schema.properties")) {
      if (in == null) {
        throw new IllegalStateException("schema.properties is missing from the classpath");
      }
      p.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return p;
  }
}

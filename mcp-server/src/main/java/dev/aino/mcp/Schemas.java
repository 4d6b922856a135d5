package dev.aino.mcp;

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
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

/**
 * JSON Schemas (2020-12) of tool inputs and outputs, generated from the Java records so that they
 * never drift from what the tools decode and return. Records of the core model carry no schema
 * annotations, so descriptions, required fields and bounds come from {@code schema.properties} next
 * to this class, keyed {@code SimpleClassName.field} (suffixes {@code .required}, {@code .minimum},
 * {@code .maximum}).
 */
public final class Schemas {
  private static final Properties RULES = load();
  private static final SchemaGenerator GENERATOR = generator();
  private static final Map<Class<?>, Map<String, Object>> CACHE = new ConcurrentHashMap<>();

  private Schemas() {}

  /** The schema of a record, as the map the MCP SDK sends. */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> of(Class<?> type) {
    return CACHE.computeIfAbsent(
        type,
        t -> {
          ObjectNode schema = GENERATOR.generateSchema(t);
          schema.remove("$schema");
          return Json.mapper().convertValue(schema, Map.class);
        });
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
    String key =
        field.getDeclaringType().getErasedType().getSimpleName()
            + "."
            + field.getDeclaredName()
            + suffix;
    return RULES.getProperty(key);
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

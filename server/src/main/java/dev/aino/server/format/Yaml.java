package dev.aino.server.format;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.aino.json.Json;

/**
 * The YAML twin of {@link Json#mapper()}: the same modules and settings on a YAML factory, so an
 * object's YAML has exactly the fields of its JSON.
 */
public final class Yaml {
  private static final ObjectMapper MAPPER =
      Json.mapper()
          .copyWith(
              YAMLFactory.builder()
                  .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                  // A string such as "8080" in a command must read back as a string.
                  .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
                  .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                  .build());

  private Yaml() {}

  /** The shared YAML mapper; treat as read-only configuration. */
  public static ObjectMapper mapper() {
    return MAPPER;
  }
}

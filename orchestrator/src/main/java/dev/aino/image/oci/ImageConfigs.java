package dev.aino.image.oci;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aino.error.ValidationException;
import dev.aino.image.ImageConfig;
import java.util.ArrayList;
import java.util.List;

/** Reads the runtime part of an image configuration blob ({@code config} in the OCI spec). */
public final class ImageConfigs {
  private ImageConfigs() {}

  /**
   * Parses an OCI or Docker image configuration. Missing fields are empty, as the spec allows.
   *
   * @throws ValidationException naming the field when it is malformed
   */
  public static ImageConfig parse(byte[] body) {
    JsonNode root = JsonDocuments.object(body);
    JsonNode config = root.get("config");
    if (config == null || config.isNull()) {
      return ImageConfig.EMPTY;
    }
    if (!config.isObject()) {
      throw new ValidationException("config", "must be an object");
    }
    return new ImageConfig(
        strings(config, "Entrypoint"),
        strings(config, "Cmd"),
        strings(config, "Env"),
        text(config, "WorkingDir"),
        text(config, "User"));
  }

  private static List<String> strings(JsonNode config, String field) {
    JsonNode list = config.get(field);
    if (list == null || list.isNull()) {
      return List.of();
    }
    if (!list.isArray()) {
      throw new ValidationException("config." + field, "must be a list of strings");
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      if (!list.get(i).isTextual()) {
        throw new ValidationException("config." + field + "[" + i + "]", "must be a string");
      }
      out.add(list.get(i).asText());
    }
    return out;
  }

  private static String text(JsonNode config, String field) {
    JsonNode v = config.get(field);
    if (v == null || v.isNull()) {
      return "";
    }
    if (!v.isTextual()) {
      throw new ValidationException("config." + field, "must be a string");
    }
    return v.asText();
  }
}

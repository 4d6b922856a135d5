package dev.aino.server.format;

import dev.aino.error.ValidationException;
import java.util.Locale;

/** The document formats aino reads: JSON, and YAML (which also reads JSON). */
public enum DocumentFormat {
  JSON("application/json"),
  YAML("application/yaml");

  private final String mediaType;

  DocumentFormat(String mediaType) {
    this.mediaType = mediaType;
  }

  /** The media type to send, e.g. {@code application/json}. */
  public String mediaType() {
    return mediaType;
  }

  /**
   * The format of a request body. No {@code Content-Type} means JSON; {@code application/yaml},
   * {@code application/x-yaml} and {@code text/yaml} mean YAML.
   *
   * @throws ValidationException naming {@code Content-Type} for anything else
   */
  public static DocumentFormat ofContentType(String contentType) {
    if (contentType == null || contentType.isBlank()) {
      return JSON;
    }
    String type = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    if (type.equals("application/json") || type.endsWith("+json")) {
      return JSON;
    }
    if (type.equals("application/yaml")
        || type.equals("application/x-yaml")
        || type.equals("text/yaml")
        || type.equals("text/x-yaml")
        || type.endsWith("+yaml")) {
      return YAML;
    }
    throw new ValidationException(
        "Content-Type",
        "must be application/json or application/yaml, got \"" + contentType.strip() + "\"");
  }

  /**
   * The format of a file by its name: {@code .json} is JSON, {@code .yaml} and {@code .yml} YAML.
   *
   * @param option the command-line option that named the file, for the error message
   * @throws ValidationException naming {@code option} for any other name
   */
  public static DocumentFormat ofFileName(String fileName, String option) {
    String name = fileName.toLowerCase(Locale.ROOT);
    if (name.endsWith(".json")) {
      return JSON;
    }
    if (name.endsWith(".yaml") || name.endsWith(".yml")) {
      return YAML;
    }
    throw new ValidationException(
        option, "must name a .yaml, .yml or .json file (or - for stdin), got \"" + fileName + "\"");
  }
}

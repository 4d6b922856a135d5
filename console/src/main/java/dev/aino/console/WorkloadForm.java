package dev.aino.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aino.api.WorkloadManifest;
import dev.aino.error.ValidationException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The create form's fields as typed, turned into a manifest document and validated by the same
 * {@link WorkloadManifest#parse} as REST and the CLI, so that the messages are the same; each
 * message is then placed next to the field its path names ({@code spec.resources.memoryMiB} next to
 * "Memory").
 *
 * @param values the fields as typed, to show them again with the errors
 * @param errors message per form field; {@value #GENERAL} for one that names no field
 */
public record WorkloadForm(Map<String, String> values, Map<String, String> errors) {
  /** The key of an error that belongs to no field. */
  public static final String GENERAL = "form";

  /** The fields of the form, in the order it shows them. */
  public static final List<String> FIELDS =
      List.of(
          "name", "image", "replicas", "cpuMillis", "memoryMiB", "command", "env", "restartPolicy");

  /** An empty form with the defaults a new workload takes. */
  public static WorkloadForm blank() {
    Map<String, String> values = new LinkedHashMap<>();
    values.put("replicas", "1");
    values.put("cpuMillis", "100");
    values.put("memoryMiB", "64");
    values.put("restartPolicy", "ALWAYS");
    return new WorkloadForm(values, Map.of());
  }

  /** The typed value of a field, empty when none. */
  public String value(String field) {
    return values.getOrDefault(field, "");
  }

  /** The error of a field, null when none. */
  public String error(String field) {
    return errors.get(field);
  }

  /** {@code aria-invalid} for a field. */
  public String invalid(String field) {
    return errors.containsKey(field) ? "true" : "false";
  }

  /**
   * The manifest the fields describe.
   *
   * @throws ValidationException with the errors keyed by form field (see {@link #errorsOf})
   */
  public WorkloadManifest manifest() {
    ObjectNode doc = JsonNodeFactory.instance.objectNode();
    Map<String, String> early = new LinkedHashMap<>();
    doc.put("name", value("name").strip());
    ObjectNode spec = doc.putObject("spec");
    spec.put("image", value("image").strip());
    number(spec, "replicas", "replicas", early);
    ObjectNode resources = spec.putObject("resources");
    number(resources, "cpuMillis", "cpuMillis", early);
    number(resources, "memoryMiB", "memoryMiB", early);
    String command = value("command").strip();
    if (!command.isEmpty()) {
      var list = spec.putArray("command");
      for (String word : command.split("\\s+")) {
        list.add(word);
      }
    }
    String env = value("env").strip();
    if (!env.isEmpty()) {
      ObjectNode vars = spec.putObject("env");
      int line = 0;
      for (String entry : env.split("\\R")) {
        line++;
        if (entry.isBlank()) {
          continue;
        }
        int eq = entry.indexOf('=');
        if (eq <= 0) {
          early.putIfAbsent(
              "env", "line " + line + " must be NAME=value, got \"" + entry.strip() + "\"");
          continue;
        }
        vars.put(entry.substring(0, eq).strip(), entry.substring(eq + 1));
      }
    }
    if (!value("restartPolicy").isEmpty()) {
      spec.put("restartPolicy", value("restartPolicy"));
    }
    if (!early.isEmpty()) {
      throw new ValidationException(
          early.entrySet().stream()
              .map(e -> new ValidationException.FieldError(e.getKey(), e.getValue()))
              .toList());
    }
    return WorkloadManifest.parse((JsonNode) doc);
  }

  private void number(ObjectNode into, String key, String field, Map<String, String> early) {
    String text = value(field).strip();
    if (text.isEmpty()) {
      return;
    }
    try {
      into.put(key, Long.parseLong(text));
    } catch (NumberFormatException e) {
      early.put(field, "must be a whole number, got \"" + text + "\"");
    }
  }

  /** This form with the errors of {@code e} placed next to their fields. */
  public WorkloadForm withErrors(ValidationException e) {
    return new WorkloadForm(values, errorsOf(e));
  }

  /** The errors of {@code e} keyed by the form field their path names. */
  static Map<String, String> errorsOf(ValidationException e) {
    Map<String, String> errors = new LinkedHashMap<>();
    for (ValidationException.FieldError error : e.errors()) {
      errors.merge(fieldOf(error.field()), error.reason(), (a, b) -> a + "; " + b);
    }
    return errors;
  }

  private static String fieldOf(String path) {
    String p = path == null ? "" : path;
    if (p.startsWith("spec.")) {
      p = p.substring(5);
    }
    if (p.startsWith("resources.")) {
      p = p.substring(10);
    }
    for (String field : FIELDS) {
      if (p.equals(field) || p.startsWith(field + ".") || p.startsWith(field + "[")) {
        return field;
      }
    }
    return GENERAL;
  }
}

package dev.aino.model;

import dev.aino.error.ValidationException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Names the object an event is about.
 *
 * @param kind {@code workload}, {@code instance}, {@code node} or {@code store}
 * @param name the object's name (for {@code store}, the key that could not be read)
 */
public record ObjectRef(String kind, String name) {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:/-]{0,252}");

  /** The kinds of object that events are about. */
  public static final List<String> KINDS = List.of("workload", "instance", "node", "store");

  public ObjectRef {
    Validate.dnsLabel("kind", kind);
    Validate.required("name", name);
    if (!NAME.matcher(name).matches() || name.contains("//")) {
      throw new ValidationException(
          "name",
          "must be 1 to 253 letters, digits, '.', '_', ':', '/' or '-', got \""
              + Validate.clip(name)
              + "\"");
    }
  }

  public static ObjectRef workload(String name) {
    return new ObjectRef("workload", name);
  }

  public static ObjectRef instance(String id) {
    return new ObjectRef("instance", id);
  }

  public static ObjectRef node(String name) {
    return new ObjectRef("node", name);
  }

  @Override
  public String toString() {
    return kind + "/" + name;
  }
}

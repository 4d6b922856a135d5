package dev.aino.bench;

import java.util.HashMap;
import java.util.Map;

/** {@code --name value} options of a benchmark. */
public final class Args {
  /** An argument that is not a {@code --name value} option, or a value of the wrong kind. */
  public static final class UsageException extends IllegalArgumentException {
    public UsageException(String message) {
      super(message);
    }
  }

  private final Map<String, String> values = new HashMap<>();

  /**
   * @throws UsageException when an argument is not {@code --name} or lacks its value
   */
  public Args(String[] args) {
    for (int i = 0; i < args.length; i += 2) {
      if (!args[i].startsWith("--")) {
        throw new UsageException("expected --option value, got " + args[i]);
      }
      if (i + 1 == args.length) {
        throw new UsageException("option " + args[i] + " needs a value");
      }
      values.put(args[i].substring(2), args[i + 1]);
    }
  }

  /**
   * @throws UsageException when the value is not a whole number
   */
  public int integer(String name, int fallback) {
    if (!values.containsKey(name)) {
      return fallback;
    }
    try {
      return Integer.parseInt(values.get(name));
    } catch (NumberFormatException e) {
      throw new UsageException(
          "--" + name + " must be a whole number, got \"" + values.get(name) + "\"");
    }
  }

  public String text(String name, String fallback) {
    return values.getOrDefault(name, fallback);
  }
}

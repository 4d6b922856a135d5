package dev.aino.bench;

import java.util.HashMap;
import java.util.Map;

/** {@code --name value} options of a benchmark. */
final class Args {
  private final Map<String, String> values = new HashMap<>();

  Args(String[] args) {
    for (int i = 0; i + 1 < args.length; i += 2) {
      if (!args[i].startsWith("--")) {
        throw new IllegalArgumentException("expected --option value, got " + args[i]);
      }
      values.put(args[i].substring(2), args[i + 1]);
    }
  }

  int integer(String name, int fallback) {
    return values.containsKey(name) ? Integer.parseInt(values.get(name)) : fallback;
  }

  String text(String name, String fallback) {
    return values.getOrDefault(name, fallback);
  }
}

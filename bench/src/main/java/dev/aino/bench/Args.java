package dev.aino.bench;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/** {@code --name value} options of a benchmark. */
public final class Args {
  /** An argument that is not a {@code --name value} option, or a value of the wrong kind. */
  public static final class UsageException extends IllegalArgumentException {
    public UsageException(String message) {
      super(message);
    }
  }

  private final Map<String, String> values = new HashMap<>();
  private final Set<String> known;

  /**
   * @param known the names of the options the benchmark reads, without {@code --}: a mistyped
   *     option is refused rather than ignored, so a run never measures other settings than asked
   * @throws UsageException when an argument is not {@code --name}, lacks its value, is not one of
   *     {@code known} or is given twice
   */
  public Args(String[] args, Collection<String> known) {
    this.known = new TreeSet<>(known);
    for (int i = 0; i < args.length; i += 2) {
      if (!args[i].startsWith("--")) {
        throw new UsageException("expected --option value, got " + args[i]);
      }
      if (i + 1 == args.length) {
        throw new UsageException("option " + args[i] + " needs a value");
      }
      String name = args[i].substring(2);
      if (!this.known.contains(name)) {
        throw new UsageException(
            args[i]
                + " is not an option of this benchmark; its options: --"
                + String.join(", --", this.known));
      }
      if (values.put(name, args[i + 1]) != null) {
        throw new UsageException(args[i] + " is given twice");
      }
    }
  }

  /** The names of several groups of options, for a benchmark that reads them all. */
  @SafeVarargs
  public static List<String> union(List<String>... groups) {
    return Stream.of(groups).flatMap(List::stream).distinct().toList();
  }

  /**
   * @throws UsageException when the value is not a whole number
   */
  public int integer(String name, int fallback) {
    declared(name);
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
    declared(name);
    return values.getOrDefault(name, fallback);
  }

  /** A read of an option the benchmark did not declare is the benchmark's bug, not the user's. */
  private void declared(String name) {
    if (!known.contains(name)) {
      throw new IllegalStateException(
          "--" + name + " is read but not among the known options " + known);
    }
  }
}

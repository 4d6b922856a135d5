package dev.aino.model;

import dev.aino.error.ValidationException;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** Checks shared by the model's constructors; each names the field it refuses. */
public final class Validate {
  private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final Pattern LABEL_KEY =
      Pattern.compile("([a-z0-9]([-a-z0-9.]*[a-z0-9])?/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?");
  private static final Pattern LABEL_VALUE =
      Pattern.compile("([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?");
  private static final int MAX_TEXT = 32 * 1024;

  private Validate() {}

  public static <T> T required(String field, T value) {
    if (value == null) {
      throw new ValidationException(field, "is required");
    }
    return value;
  }

  /** A DNS-1123 label: lower-case letters, digits and '-', 1 to 63 characters. */
  public static String dnsLabel(String field, String value) {
    required(field, value);
    if (value.isEmpty() || value.length() > 63) {
      throw new ValidationException(
          field,
          "must be 1 to 63 characters, got " + value.length() + " in \"" + clip(value) + "\"");
    }
    if (!isDnsLabel(value)) {
      throw new ValidationException(
          field,
          "must be a DNS-1123 label (lower-case letters, digits and '-', starting and ending with"
              + " a letter or digit), got \""
              + clip(value)
              + "\"");
    }
    return value;
  }

  /**
   * The DNS-1123 label grammar as a loop rather than a regex: it runs for every instance the
   * control loop builds, and a million instances made this the hottest line of a placement pass.
   */
  private static boolean isDnsLabel(String value) {
    int last = value.length() - 1;
    for (int i = 0; i <= last; i++) {
      char c = value.charAt(i);
      boolean alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
      if (!alnum && (c != '-' || i == 0 || i == last)) {
        return false;
      }
    }
    return true;
  }

  /** Free text such as a message or an argument: no NUL byte, bounded length. */
  public static String text(String field, String value) {
    if (value == null) {
      return null;
    }
    if (value.indexOf('\0') >= 0) {
      throw new ValidationException(field, "must not contain a NUL byte");
    }
    if (value.length() > MAX_TEXT) {
      throw new ValidationException(
          field, "must be at most " + MAX_TEXT + " characters, got " + value.length());
    }
    return value;
  }

  public static String nonBlank(String field, String value) {
    required(field, value);
    if (value.isBlank()) {
      throw new ValidationException(field, "must not be blank");
    }
    return text(field, value);
  }

  public static long range(String field, long value, long min, long max) {
    if (value < min) {
      throw new ValidationException(
          field, (min == 1 ? "must be > 0" : "must be >= " + min) + ", got " + value);
    }
    if (value > max) {
      throw new ValidationException(field, "must be <= " + max + ", got " + value);
    }
    return value;
  }

  public static List<String> texts(String field, List<String> values) {
    if (values == null) {
      return List.of();
    }
    for (int i = 0; i < values.size(); i++) {
      required(field + "[" + i + "]", values.get(i));
      text(field + "[" + i + "]", values.get(i));
    }
    return List.copyOf(values);
  }

  /** Environment variables: POSIX names, values without NUL. Sorted for stable output. */
  public static Map<String, String> env(String field, Map<String, String> env) {
    if (env == null) {
      return Map.of();
    }
    TreeMap<String, String> copy = new TreeMap<>();
    env.forEach(
        (name, value) -> {
          if (name == null || !ENV_NAME.matcher(name).matches()) {
            throw new ValidationException(
                field + "." + name,
                "must be a variable name of letters, digits and '_' not starting with a digit");
          }
          copy.put(name, Objects.requireNonNullElse(text(field + "." + name, value), ""));
        });
    return Collections.unmodifiableSortedMap(copy);
  }

  /** Kubernetes-style labels: optional DNS prefix and name up to 63 characters, short values. */
  public static Map<String, String> labels(String field, Map<String, String> labels) {
    if (labels == null) {
      return Map.of();
    }
    TreeMap<String, String> copy = new TreeMap<>();
    labels.forEach(
        (key, value) -> {
          if (key == null || key.length() > 253 || !LABEL_KEY.matcher(key).matches()) {
            throw new ValidationException(
                field + "." + key,
                "must be a label key: letters, digits, '-', '_' and '.', with an optional DNS"
                    + " prefix and '/'");
          }
          String v = value == null ? "" : value;
          if (v.length() > 63 || !LABEL_VALUE.matcher(v).matches()) {
            throw new ValidationException(
                field + "." + key,
                "must be a label value of at most 63 letters, digits, '-', '_' and '.', got \""
                    + clip(v)
                    + "\"");
          }
          copy.put(key, v);
        });
    return Collections.unmodifiableSortedMap(copy);
  }

  static String clip(String value) {
    String shown = value.replace("\0", "\\0");
    return shown.length() > 80 ? shown.substring(0, 77) + "..." : shown;
  }
}

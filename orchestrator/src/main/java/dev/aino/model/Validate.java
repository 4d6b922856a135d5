package dev.aino.model;

import dev.aino.error.ValidationException;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** Checks shared by the model's constructors; each names the field it refuses. */
public final class Validate {
  private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final Pattern LABEL_PREFIX = Pattern.compile("[a-z0-9]([-a-z0-9.]*[a-z0-9])?");
  private static final Pattern LABEL_NAME =
      Pattern.compile("[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?");
  private static final Pattern LABEL_VALUE =
      Pattern.compile("([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?");
  private static final int MAX_TEXT = 32 * 1024;

  /** Most labels on one object; Kubernetes objects rarely carry more than a dozen. */
  public static final int MAX_LABELS = 64;

  /** Most characters of all keys and values of one object's labels together. */
  public static final int MAX_LABELS_SIZE = 16 * 1024;

  /** Kubernetes' bounds: a key's name part and a value at most 63, a key's prefix at most 253. */
  private static final int MAX_LABEL_NAME = 63;

  private static final int MAX_LABEL_PREFIX = 253;

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

  /** Environment variables: POSIX names, string values without NUL. Sorted for stable output. */
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
          if (value == null) {
            throw new ValidationException(
                field + "." + name, "must be a string (\"\" for an empty value), got null");
          }
          copy.put(name, text(field + "." + name, value));
        });
    return Collections.unmodifiableSortedMap(copy);
  }

  /**
   * Kubernetes-style labels: keys of an optional DNS prefix (at most 253 characters) and '/' and a
   * name of at most 63, values of at most 63 characters; at most {@value #MAX_LABELS} labels and
   * {@value #MAX_LABELS_SIZE} characters in all, so that labels cannot bloat every list and watch
   * that carries the object.
   */
  public static Map<String, String> labels(String field, Map<String, String> labels) {
    if (labels == null) {
      return Map.of();
    }
    if (labels.size() > MAX_LABELS) {
      throw new ValidationException(
          field, "must hold at most " + MAX_LABELS + " labels, got " + labels.size());
    }
    TreeMap<String, String> copy = new TreeMap<>();
    long size = 0;
    for (Map.Entry<String, String> label : labels.entrySet()) {
      String key = label.getKey();
      String problem = labelKeyProblem(key);
      if (problem != null) {
        throw new ValidationException(field + "." + clip(String.valueOf(key)), problem);
      }
      String v = label.getValue();
      if (v == null) {
        throw new ValidationException(
            field + "." + key, "must be a string (\"\" for an empty value), got null");
      }
      if (v.length() > MAX_LABEL_NAME || !(v.isEmpty() || LABEL_NAME.matcher(v).matches())) {
        throw new ValidationException(
            field + "." + key,
            "must be a label value of at most 63 letters, digits, '-', '_' and '.', starting and"
                + " ending with a letter or digit, got \""
                + clip(v)
                + "\"");
      }
      size += key.length() + v.length();
      copy.put(key, v);
    }
    if (size > MAX_LABELS_SIZE) {
      throw new ValidationException(
          field,
          "must total at most " + MAX_LABELS_SIZE + " characters of keys and values, got " + size);
    }
    return Collections.unmodifiableSortedMap(copy);
  }

  private static String labelKeyProblem(String key) {
    String syntax =
        "must be a label key: an optional DNS prefix of at most 253 lower-case letters, digits,"
            + " '-' and '.' and a '/', then a name of at most 63 letters, digits, '-', '_' and"
            + " '.' starting and ending with a letter or digit";
    if (key == null || key.isEmpty()) {
      return syntax + ", got an empty key";
    }
    int slash = key.indexOf('/');
    String prefix = slash < 0 ? null : key.substring(0, slash);
    String name = slash < 0 ? key : key.substring(slash + 1);
    if (prefix != null
        && (prefix.isEmpty()
            || prefix.length() > MAX_LABEL_PREFIX
            || !LABEL_PREFIX.matcher(prefix).matches())) {
      return syntax + ", got the prefix \"" + clip(prefix) + "\"";
    }
    if (name.isEmpty() || name.length() > MAX_LABEL_NAME || !LABEL_NAME.matcher(name).matches()) {
      return syntax + ", got the name \"" + clip(name) + "\" (" + name.length() + " characters)";
    }
    return null;
  }

  static String clip(String value) {
    String shown = value.replace("\0", "\\0");
    return shown.length() > 80 ? shown.substring(0, 77) + "..." : shown;
  }
}

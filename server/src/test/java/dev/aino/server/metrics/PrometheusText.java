package dev.aino.server.metrics;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict reader of Prometheus' text exposition format 0.0.4, for tests: it refuses what a
 * Prometheus server would refuse or misread (a malformed line, a sample of an undeclared family, a
 * family declared twice, a label given twice, a bad escape, a value that is not a number, a
 * histogram whose buckets fall or whose {@code +Inf} bucket differs from its count), naming the
 * line.
 */
final class PrometheusText {
  private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
  private static final Pattern LABEL = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
  private static final Pattern HELP = Pattern.compile("# HELP (" + NAME + ") (.*)");
  private static final Pattern TYPE =
      Pattern.compile("# TYPE (" + NAME + ") (counter|gauge|histogram|summary|untyped)");
  private static final Pattern SAMPLE =
      Pattern.compile("(" + NAME + ")(\\{(.*)\\})? (\\S+)( -?[0-9]+)?");

  /** One sample: the name as written (with {@code _bucket}, {@code _count}...), labels, value. */
  record Sample(String name, Map<String, String> labels, double value) {}

  private final Map<String, String> types = new LinkedHashMap<>();
  private final List<Sample> samples = new ArrayList<>();

  private PrometheusText() {}

  /** Parses {@code text}; throws {@link IllegalArgumentException} naming the first bad line. */
  static PrometheusText parse(String text) {
    PrometheusText out = new PrometheusText();
    if (!text.isEmpty() && !text.endsWith("\n")) {
      throw new IllegalArgumentException("the text does not end with a line feed");
    }
    Set<String> helped = new java.util.HashSet<>();
    String[] lines = text.split("\n", -1);
    for (int n = 0; n < lines.length - 1; n++) {
      String line = lines[n];
      String where = "line " + (n + 1) + " \"" + line + "\": ";
      if (line.isEmpty()) {
        continue;
      }
      if (line.startsWith("#")) {
        Matcher help = HELP.matcher(line);
        Matcher type = TYPE.matcher(line);
        if (help.matches()) {
          checkEscapes(help.group(2), false, where);
          if (!helped.add(help.group(1))) {
            throw new IllegalArgumentException(where + "a second HELP for " + help.group(1));
          }
        } else if (type.matches()) {
          if (out.types.put(type.group(1), type.group(2)) != null) {
            throw new IllegalArgumentException(where + "a second TYPE for " + type.group(1));
          }
        } else if (line.startsWith("# HELP") || line.startsWith("# TYPE")) {
          throw new IllegalArgumentException(where + "malformed HELP or TYPE line");
        }
        continue;
      }
      Matcher sample = SAMPLE.matcher(line);
      if (!sample.matches()) {
        throw new IllegalArgumentException(where + "not a sample line");
      }
      String name = sample.group(1);
      if (out.familyOf(name).isEmpty()) {
        throw new IllegalArgumentException(where + "no TYPE declared for " + name);
      }
      Map<String, String> labels =
          sample.group(3) == null ? Map.of() : labels(sample.group(3), where);
      out.samples.add(new Sample(name, labels, value(sample.group(4), where)));
    }
    out.checkHistograms();
    return out;
  }

  private static Map<String, String> labels(String text, String where) {
    Map<String, String> labels = new TreeMap<>();
    int i = 0;
    while (i < text.length()) {
      int eq = text.indexOf('=', i);
      if (eq < 0) {
        throw new IllegalArgumentException(where + "a label without a value");
      }
      String name = text.substring(i, eq);
      if (!LABEL.matcher(name).matches() || name.startsWith("__")) {
        throw new IllegalArgumentException(where + "bad label name \"" + name + "\"");
      }
      if (eq + 1 >= text.length() || text.charAt(eq + 1) != '"') {
        throw new IllegalArgumentException(where + "label " + name + " has an unquoted value");
      }
      StringBuilder value = new StringBuilder();
      int j = eq + 2;
      for (; ; j++) {
        if (j >= text.length()) {
          throw new IllegalArgumentException(where + "label " + name + " is not closed");
        }
        char c = text.charAt(j);
        if (c == '"') {
          break;
        }
        if (c == '\\') {
          char next = j + 1 < text.length() ? text.charAt(j + 1) : ' ';
          switch (next) {
            case '\\' -> value.append('\\');
            case '"' -> value.append('"');
            case 'n' -> value.append('\n');
            default -> throw new IllegalArgumentException(where + "bad escape in " + name);
          }
          j++;
        } else {
          value.append(c);
        }
      }
      if (labels.put(name, value.toString()) != null) {
        throw new IllegalArgumentException(where + "label " + name + " given twice");
      }
      i = j + 1;
      if (i < text.length()) {
        if (text.charAt(i) != ',') {
          throw new IllegalArgumentException(where + "labels must be separated by commas");
        }
        i++;
      }
    }
    return labels;
  }

  private static void checkEscapes(String text, boolean quotes, String where) {
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == '\\') {
        char next = i + 1 < text.length() ? text.charAt(i + 1) : ' ';
        if (next != '\\' && next != 'n' && !(quotes && next == '"')) {
          throw new IllegalArgumentException(where + "bad escape in HELP");
        }
        i++;
      }
    }
  }

  private static double value(String text, String where) {
    switch (text) {
      case "+Inf":
        return Double.POSITIVE_INFINITY;
      case "-Inf":
        return Double.NEGATIVE_INFINITY;
      case "NaN":
        return Double.NaN;
      default:
        try {
          return Double.parseDouble(text);
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException(where + "\"" + text + "\" is not a number");
        }
    }
  }

  /** The declared family a sample name belongs to, and its type. */
  Optional<String> familyOf(String sampleName) {
    if (types.containsKey(sampleName)) {
      return Optional.of(sampleName);
    }
    for (String suffix : List.of("_bucket", "_count", "_sum", "_created")) {
      if (sampleName.endsWith(suffix)) {
        String family = sampleName.substring(0, sampleName.length() - suffix.length());
        String type = types.get(family);
        if ("histogram".equals(type) || "summary".equals(type)) {
          return Optional.of(family);
        }
      }
    }
    return Optional.empty();
  }

  private void checkHistograms() {
    Map<String, List<Sample>> buckets = new HashMap<>();
    Map<String, Double> counts = new HashMap<>();
    for (Sample s : samples) {
      Optional<String> family = familyOf(s.name());
      if (family.isEmpty() || !"histogram".equals(types.get(family.get()))) {
        continue;
      }
      Map<String, String> rest = new TreeMap<>(s.labels());
      rest.remove("le");
      String series = family.get() + rest;
      if (s.name().endsWith("_bucket")) {
        if (!s.labels().containsKey("le")) {
          throw new IllegalArgumentException(s.name() + rest + ": a bucket without le");
        }
        buckets.computeIfAbsent(series, k -> new ArrayList<>()).add(s);
      } else if (s.name().endsWith("_count")) {
        counts.put(series, s.value());
      }
    }
    buckets.forEach(
        (series, list) -> {
          double last = -1;
          double lastLe = Double.NEGATIVE_INFINITY;
          for (Sample b : list) {
            double le = value(b.labels().get("le"), series + ": ");
            if (le <= lastLe || b.value() < last) {
              throw new IllegalArgumentException(series + ": buckets are not cumulative in order");
            }
            last = b.value();
            lastLe = le;
          }
          if (lastLe != Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException(series + ": no +Inf bucket");
          }
          if (!Double.valueOf(last).equals(counts.get(series))) {
            throw new IllegalArgumentException(series + ": +Inf bucket differs from _count");
          }
        });
  }

  /** Every declared family name. */
  Set<String> families() {
    return types.keySet();
  }

  /** The type a family was declared with. */
  String type(String family) {
    return types.get(family);
  }

  List<Sample> samples() {
    return samples;
  }

  /** The sum of the samples named {@code name} whose labels include {@code labels}. */
  double sum(String name, Map<String, String> labels) {
    double total = 0;
    for (Sample s : samples) {
      if (s.name().equals(name) && s.labels().entrySet().containsAll(labels.entrySet())) {
        total += s.value();
      }
    }
    return total;
  }

  /** True when some sample named {@code name} has all of {@code labels}. */
  boolean has(String name, Map<String, String> labels) {
    return samples.stream()
        .anyMatch(
            s -> s.name().equals(name) && s.labels().entrySet().containsAll(labels.entrySet()));
  }
}

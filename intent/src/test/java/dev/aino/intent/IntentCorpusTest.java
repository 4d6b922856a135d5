package dev.aino.intent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/**
 * The offline reader against a held-out corpus of phrasings with the structured result each should
 * give (action and key slots). The corpus is written apart from the engine's labelled examples, so
 * this measures how it reads sentences it was not built from.
 */
class IntentCorpusTest {
  static final IntentContext CLUSTER =
      new IntentContext(
          List.of("web", "api", "db", "worker", "frontend", "payments", "cache"),
          List.of("node-1", "node-2", "node-3", "gpu-1"),
          null);

  private static final double REQUIRED_ACCURACY = 0.95;

  record Case(String text, IntentAction action, Map<String, String> slots) {}

  @Test
  void readsTheHeldOutCorpusAtLeastNinetyFivePercentRight() {
    List<Case> cases = load("/dev/aino/intent/corpus.tsv");
    assertThat(cases).hasSizeGreaterThanOrEqualTo(150);
    OfflineIntentReader reader = new OfflineIntentReader();
    Map<IntentAction, int[]> perAction = new EnumMap<>(IntentAction.class);
    List<String> misses = new ArrayList<>();
    int right = 0;
    for (Case c : cases) {
      Intent got = reader.read(c.text(), CLUSTER);
      List<String> wrong = differences(c, got);
      int[] counts = perAction.computeIfAbsent(c.action(), a -> new int[2]);
      counts[1]++;
      if (wrong.isEmpty()) {
        counts[0]++;
        right++;
      } else {
        misses.add("  \"" + c.text() + "\": " + String.join(", ", wrong));
      }
    }
    StringBuilder report = new StringBuilder("intent corpus accuracy per action:\n");
    perAction.forEach(
        (action, n) ->
            report.append(
                String.format(
                    "  %-15s %3d/%3d  %5.1f%%%n", action, n[0], n[1], 100.0 * n[0] / n[1])));
    double accuracy = (double) right / cases.size();
    report.append(
        String.format("  %-15s %3d/%3d  %5.1f%%%n", "ALL", right, cases.size(), 100 * accuracy));
    if (!misses.isEmpty()) {
      report.append("misread:\n").append(String.join("\n", misses)).append('\n');
    }
    System.out.print(report);
    assertThat(accuracy).as(report.toString()).isGreaterThanOrEqualTo(REQUIRED_ACCURACY);
  }

  static List<String> differences(Case c, Intent got) {
    List<String> wrong = new ArrayList<>();
    if (got.action() != c.action()) {
      wrong.add("action " + got.action() + " != " + c.action());
    }
    for (Map.Entry<String, String> e : c.slots().entrySet()) {
      String actual = slot(got, e.getKey());
      if (!Objects.equals(actual, e.getValue())) {
        wrong.add(e.getKey() + " " + actual + " != " + e.getValue());
      }
    }
    return wrong;
  }

  static String slot(Intent i, String key) {
    if (key.startsWith("env.")) {
      return i.env().get(key.substring(4));
    }
    if (key.startsWith("label.")) {
      return i.nodeSelector().get(key.substring(6));
    }
    Object v =
        switch (key) {
          case "workload" -> i.workload();
          case "node" -> i.node();
          case "image" -> i.image();
          case "replicas" -> i.replicas();
          case "delta" -> i.replicaDelta();
          case "factor" -> i.replicaFactor();
          case "cpu" -> i.cpuMillis();
          case "memory" -> i.memoryMiB();
          case "min" -> i.minReplicas();
          case "max" -> i.maxReplicas();
          case "cpuTarget" -> i.targetCpuPercent();
          case "memTarget" -> i.targetMemoryPercent();
          case "command" -> i.command().isEmpty() ? null : String.join(" ", i.command());
          case "restart" -> i.restartPolicy();
          case "strategy" -> i.strategy();
          case "last" -> i.refersToLast() ? "true" : null;
          case "everything" -> i.everything() ? "true" : null;
          default -> throw new IllegalArgumentException("unknown slot " + key);
        };
    return v == null ? null : v.toString();
  }

  static List<Case> load(String resource) {
    try (InputStream in = IntentCorpusTest.class.getResourceAsStream(resource)) {
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      List<Case> out = new ArrayList<>();
      String line;
      while ((line = r.readLine()) != null) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] cols = line.split("\t", -1);
        Map<String, String> slots = new LinkedHashMap<>();
        if (cols.length > 2 && !cols[2].isBlank()) {
          for (String kv : cols[2].split(";")) {
            int eq = kv.indexOf('=');
            slots.put(kv.substring(0, eq), kv.substring(eq + 1));
          }
        }
        out.add(new Case(cols[0], IntentAction.valueOf(cols[1]), slots));
      }
      return out;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}

package dev.aino.a2a;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aino.intent.Intent;
import dev.aino.intent.IntentAction;
import dev.aino.model.PlacementStrategy;
import dev.aino.model.RestartPolicy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * An intent a client sends already structured, as a data part: {@code {"action": "scale",
 * "workload": "web", "replicas": 5}}. The fields are the intent engine's own slots ({@link
 * Intent}), so an agent that knows what it wants skips the reading of words, and nothing is
 * guessed. The part is read strictly: an unknown field, a value of another type or an unknown
 * action or enum value is refused naming its path; the ranges (replicas, memory, names) are the
 * planner's to check, as for a sentence.
 *
 * <p>A structured intent is the message's only part: words beside it would say something else.
 */
final class StructuredIntent {
  /** The field that marks a data part as a structured intent. */
  static final String ACTION = "action";

  private static final Set<String> FIELDS =
      Set.of(
          ACTION,
          "workload",
          "node",
          "image",
          "replicas",
          "replicaDelta",
          "replicaFactor",
          "cpuMillis",
          "memoryMiB",
          "command",
          "env",
          "restartPolicy",
          "nodeSelector",
          "strategy",
          "minReplicas",
          "maxReplicas",
          "targetCpuPercent",
          "targetMemoryPercent",
          "everything");

  private StructuredIntent() {}

  /**
   * The structured intent {@code m} carries, or null when it carries none (its data parts, if any,
   * hold words as {@code {"text": ...}}).
   *
   * @throws A2aException invalid params naming the path of what is wrong
   */
  static Intent of(Message m) {
    int at = -1;
    for (int i = 0; i < m.parts().size(); i++) {
      JsonNode data = m.parts().get(i).data();
      if (data != null && data.has(ACTION)) {
        at = i;
        break;
      }
    }
    if (at < 0) {
      return null;
    }
    String path = "message.parts[" + at + "].data";
    if (m.parts().size() != 1) {
      throw A2aException.invalidParams(
          "message.parts",
          "hold a structured intent in part "
              + at
              + " and "
              + (m.parts().size() - 1)
              + " other part(s); send the structured intent as the message's only part");
    }
    return read(m.parts().get(at).data(), path);
  }

  static Intent read(JsonNode d, String path) {
    Wire.refuseUnknownFields(d, path + ".", FIELDS);
    Intent.Builder b = Intent.builder();
    String action = text(d, path, ACTION);
    b.action(enumValue(IntentAction.class, action, path + "." + ACTION));
    b.workload(text(d, path, "workload"));
    b.node(text(d, path, "node"));
    b.image(text(d, path, "image"));
    b.replicas(integer(d, path, "replicas"));
    b.replicaDelta(integer(d, path, "replicaDelta"));
    JsonNode factor = d.get("replicaFactor");
    if (factor != null && !factor.isNull()) {
      if (!factor.isNumber()) {
        throw A2aException.invalidParams(
            path + ".replicaFactor", "must be a number, got " + factor);
      }
      b.replicaFactor(factor.doubleValue());
    }
    Integer cpu = integer(d, path, "cpuMillis");
    b.cpuMillis(cpu == null ? null : cpu.longValue());
    Integer memory = integer(d, path, "memoryMiB");
    b.memoryMiB(memory == null ? null : memory.longValue());
    JsonNode command = d.get("command");
    if (command != null && !command.isNull()) {
      if (!command.isArray()) {
        throw A2aException.invalidParams(path + ".command", "must be an array of strings");
      }
      List<String> words = new ArrayList<>();
      for (int i = 0; i < command.size(); i++) {
        if (!command.get(i).isTextual()) {
          throw A2aException.invalidParams(path + ".command[" + i + "]", "must be a string");
        }
        words.add(command.get(i).textValue());
      }
      b.command(words);
    }
    strings(d, path, "env").forEach(b::env);
    strings(d, path, "nodeSelector").forEach(b::nodeLabel);
    String restart = text(d, path, "restartPolicy");
    if (restart != null) {
      b.restartPolicy(enumValue(RestartPolicy.class, restart, path + ".restartPolicy"));
    }
    String strategy = text(d, path, "strategy");
    if (strategy != null) {
      b.strategy(enumValue(PlacementStrategy.class, strategy, path + ".strategy"));
    }
    b.minReplicas(integer(d, path, "minReplicas"));
    b.maxReplicas(integer(d, path, "maxReplicas"));
    b.targetCpuPercent(integer(d, path, "targetCpuPercent"));
    b.targetMemoryPercent(integer(d, path, "targetMemoryPercent"));
    JsonNode everything = d.get("everything");
    if (everything != null && !everything.isNull()) {
      if (!everything.isBoolean()) {
        throw A2aException.invalidParams(path + ".everything", "must be true or false");
      }
      b.everything(everything.booleanValue());
    }
    return b.build();
  }

  private static String text(JsonNode d, String path, String field) {
    JsonNode v = d.get(field);
    if (v == null || v.isNull()) {
      if (field.equals(ACTION)) {
        throw A2aException.invalidParams(path + "." + field, "is required");
      }
      return null;
    }
    if (!v.isTextual()) {
      throw A2aException.invalidParams(path + "." + field, "must be a string, got " + v);
    }
    return v.textValue();
  }

  private static Integer integer(JsonNode d, String path, String field) {
    JsonNode v = d.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isIntegralNumber() || !v.canConvertToInt()) {
      throw A2aException.invalidParams(path + "." + field, "must be an integer, got " + v);
    }
    return v.intValue();
  }

  private static Map<String, String> strings(JsonNode d, String path, String field) {
    JsonNode v = d.get(field);
    Map<String, String> out = new java.util.LinkedHashMap<>();
    if (v == null || v.isNull()) {
      return out;
    }
    if (!v.isObject()) {
      throw A2aException.invalidParams(path + "." + field, "must be an object of strings");
    }
    Iterator<Map.Entry<String, JsonNode>> it = v.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!e.getValue().isTextual()) {
        throw A2aException.invalidParams(
            path + "." + field + "." + e.getKey(), "must be a string, got " + e.getValue());
      }
      out.put(e.getKey(), e.getValue().textValue());
    }
    return out;
  }

  /** An enum constant written in lower case ({@code cluster_status}, {@code on_failure}). */
  private static <E extends Enum<E>> E enumValue(Class<E> type, String value, String path) {
    for (E e : type.getEnumConstants()) {
      if (e.name().toLowerCase(Locale.ROOT).equals(value)) {
        return e;
      }
    }
    throw A2aException.invalidParams(
        path,
        "must be one of "
            + Arrays.stream(type.getEnumConstants())
                .map(e -> e.name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(", "))
            + ", got "
            + value);
  }

  /** The fields a structured intent may have, for the card and the docs. */
  static Set<String> fields() {
    return new TreeSet<>(FIELDS);
  }
}

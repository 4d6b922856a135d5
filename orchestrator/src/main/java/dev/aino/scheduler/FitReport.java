package dev.aino.scheduler;

import dev.aino.error.ValidationException;
import dev.aino.model.Validate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Why a request fits where it does: how many nodes fit and, for the others, how many were rejected
 * for each reason. Each node counts once, under the first checker that rejected it. Its {@link
 * #message()} reads like Kubernetes' and Nomad's: {@code 0/5 nodes fit: 3 insufficient memory, 2
 * not ready}.
 *
 * @param nodeCount nodes in the snapshot
 * @param fitCount nodes that would take the request
 * @param rejections count per reason, most frequent first, then by reason; never a zero count
 */
public record FitReport(int nodeCount, int fitCount, Map<String, Integer> rejections) {

  public FitReport {
    Validate.range("nodeCount", nodeCount, 0, Integer.MAX_VALUE);
    Validate.range("fitCount", fitCount, 0, nodeCount);
    Validate.required("rejections", rejections);
    rejections = sorted(rejections);
    long rejected = 0;
    for (Map.Entry<String, Integer> e : rejections.entrySet()) {
      Validate.range("rejections." + e.getKey(), e.getValue(), 1, nodeCount);
      rejected += e.getValue();
    }
    if (rejected + fitCount != nodeCount) {
      throw new ValidationException(
          "rejections",
          "fitting ("
              + fitCount
              + ") and rejected ("
              + rejected
              + ") nodes must add up to nodeCount ("
              + nodeCount
              + ")");
    }
  }

  /** True when at least one node would take the request. */
  public boolean fits() {
    return fitCount > 0;
  }

  /** {@code 0/5 nodes fit: 3 insufficient memory, 2 not ready}. */
  public String message() {
    StringBuilder text = new StringBuilder();
    text.append(fitCount).append('/').append(nodeCount).append(" nodes fit");
    if (nodeCount == 0) {
      return text.append(": no nodes registered").toString();
    }
    String separator = ": ";
    for (Map.Entry<String, Integer> e : rejections.entrySet()) {
      text.append(separator).append(e.getValue()).append(' ').append(e.getKey());
      separator = ", ";
    }
    return text.toString();
  }

  @Override
  public String toString() {
    return message();
  }

  private static Map<String, Integer> sorted(Map<String, Integer> counts) {
    List<Map.Entry<String, Integer>> entries = new ArrayList<>(counts.entrySet());
    for (Map.Entry<String, Integer> e : entries) {
      Validate.nonBlank("rejections key", e.getKey());
      Validate.required("rejections." + e.getKey(), e.getValue());
    }
    entries.sort(
        Map.Entry.<String, Integer>comparingByValue()
            .reversed()
            .thenComparing(Map.Entry.comparingByKey()));
    LinkedHashMap<String, Integer> ordered = new LinkedHashMap<>();
    for (Map.Entry<String, Integer> e : entries) {
      ordered.put(e.getKey(), e.getValue());
    }
    return Collections.unmodifiableMap(ordered);
  }
}

package dev.aino.intent;

import java.util.List;

/**
 * What a reader may know besides the words: the names that exist, so it can tell a workload from an
 * image or a node, and the workload the conversation last touched ("it", "that").
 *
 * @param workloads names of the declared workloads
 * @param nodes names of the registered nodes
 * @param lastWorkload the workload the conversation last touched, or null
 */
public record IntentContext(List<String> workloads, List<String> nodes, String lastWorkload) {
  public IntentContext {
    workloads = workloads == null ? List.of() : List.copyOf(workloads);
    nodes = nodes == null ? List.of() : List.copyOf(nodes);
  }
}

package dev.aino.intent;

import dev.aino.model.PlacementStrategy;
import dev.aino.model.RestartPolicy;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a reader (offline or LLM) understood from one message: the action and the slots it found.
 * Nothing here is trusted: {@link IntentPlanner} validates every slot as it would any other input,
 * so a reader that made something up is refused there, naming the field.
 *
 * @param action what is asked for; null when the reader could not tell
 * @param workload the workload named, as written (validated later)
 * @param node the node named
 * @param image an image reference
 * @param replicas an absolute replica count
 * @param replicaDelta a change of the replica count (+N, -N)
 * @param replicaFactor a factor for the replica count (2 for "double", 0.5 for "halve")
 * @param cpuMillis CPU per instance in millicores
 * @param memoryMiB memory per instance in MiB
 * @param command the program and its arguments, split into words
 * @param env environment variables to set
 * @param restartPolicy when to restart
 * @param nodeSelector node labels instances must go to
 * @param strategy spread or bin-pack
 * @param minReplicas autoscale lower bound
 * @param maxReplicas autoscale upper bound
 * @param targetCpuPercent autoscale CPU target, percent of the request
 * @param targetMemoryPercent autoscale memory target, percent of the request
 * @param everything true when the message addresses every workload at once ("delete everything")
 * @param refersToLast true when the message says "it" or "that" for the last workload
 * @param problems slots the reader saw but could not take, by field (e.g. a command that needs a
 *     shell); the planner rejects the intent naming the first
 */
public record Intent(
    IntentAction action,
    String workload,
    String node,
    String image,
    Integer replicas,
    Integer replicaDelta,
    Double replicaFactor,
    Long cpuMillis,
    Long memoryMiB,
    List<String> command,
    Map<String, String> env,
    RestartPolicy restartPolicy,
    Map<String, String> nodeSelector,
    PlacementStrategy strategy,
    Integer minReplicas,
    Integer maxReplicas,
    Integer targetCpuPercent,
    Integer targetMemoryPercent,
    boolean everything,
    boolean refersToLast,
    Map<String, String> problems) {

  public Intent {
    command = command == null ? List.of() : List.copyOf(command);
    env = env == null ? Map.of() : Map.copyOf(env);
    nodeSelector = nodeSelector == null ? Map.of() : Map.copyOf(nodeSelector);
    problems = problems == null ? Map.of() : Map.copyOf(problems);
  }

  /** An intent of {@code action} with no slots. */
  public static Intent of(IntentAction action) {
    return builder().action(action).build();
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    Builder b = new Builder();
    b.action = action;
    b.workload = workload;
    b.node = node;
    b.image = image;
    b.replicas = replicas;
    b.replicaDelta = replicaDelta;
    b.replicaFactor = replicaFactor;
    b.cpuMillis = cpuMillis;
    b.memoryMiB = memoryMiB;
    b.command = command;
    b.env = new LinkedHashMap<>(env);
    b.restartPolicy = restartPolicy;
    b.nodeSelector = new LinkedHashMap<>(nodeSelector);
    b.strategy = strategy;
    b.minReplicas = minReplicas;
    b.maxReplicas = maxReplicas;
    b.targetCpuPercent = targetCpuPercent;
    b.targetMemoryPercent = targetMemoryPercent;
    b.everything = everything;
    b.refersToLast = refersToLast;
    b.problems = new LinkedHashMap<>(problems);
    return b;
  }

  /**
   * This intent with the slots it lacks taken from {@code answer}: how a reply to a question fills
   * the gap ("Which workload?" - "web").
   */
  Intent filledFrom(Intent answer) {
    Builder b = toBuilder();
    if (workload == null && answer.workload != null) {
      b.workload = answer.workload;
    }
    if (node == null && answer.node != null) {
      b.node = answer.node;
    }
    if (image == null && answer.image != null) {
      b.image = answer.image;
    }
    if (replicas == null && replicaDelta == null && replicaFactor == null) {
      b.replicas = answer.replicas;
      b.replicaDelta = answer.replicaDelta;
      b.replicaFactor = answer.replicaFactor;
    }
    if (cpuMillis == null) {
      b.cpuMillis = answer.cpuMillis;
    }
    if (memoryMiB == null) {
      b.memoryMiB = answer.memoryMiB;
    }
    if (command.isEmpty()) {
      b.command = answer.command;
    }
    if (minReplicas == null) {
      b.minReplicas = answer.minReplicas;
    }
    if (maxReplicas == null) {
      b.maxReplicas = answer.maxReplicas;
    }
    if (targetCpuPercent == null) {
      b.targetCpuPercent = answer.targetCpuPercent;
    }
    if (targetMemoryPercent == null) {
      b.targetMemoryPercent = answer.targetMemoryPercent;
    }
    b.env.putAll(answer.env);
    b.nodeSelector.putAll(answer.nodeSelector);
    b.problems.putAll(answer.problems);
    b.refersToLast = refersToLast || answer.refersToLast;
    return b.build();
  }

  /** Builds an intent; every slot starts empty. */
  public static final class Builder {
    private IntentAction action;
    private String workload;
    private String node;
    private String image;
    private Integer replicas;
    private Integer replicaDelta;
    private Double replicaFactor;
    private Long cpuMillis;
    private Long memoryMiB;
    private List<String> command = List.of();
    private Map<String, String> env = new LinkedHashMap<>();
    private RestartPolicy restartPolicy;
    private Map<String, String> nodeSelector = new LinkedHashMap<>();
    private PlacementStrategy strategy;
    private Integer minReplicas;
    private Integer maxReplicas;
    private Integer targetCpuPercent;
    private Integer targetMemoryPercent;
    private boolean everything;
    private boolean refersToLast;
    private Map<String, String> problems = new LinkedHashMap<>();

    private Builder() {}

    public Builder action(IntentAction value) {
      action = value;
      return this;
    }

    public Builder workload(String value) {
      workload = value;
      return this;
    }

    public Builder node(String value) {
      node = value;
      return this;
    }

    public Builder image(String value) {
      image = value;
      return this;
    }

    public Builder replicas(Integer value) {
      replicas = value;
      return this;
    }

    public Builder replicaDelta(Integer value) {
      replicaDelta = value;
      return this;
    }

    public Builder replicaFactor(Double value) {
      replicaFactor = value;
      return this;
    }

    public Builder cpuMillis(Long value) {
      cpuMillis = value;
      return this;
    }

    public Builder memoryMiB(Long value) {
      memoryMiB = value;
      return this;
    }

    public Builder command(List<String> value) {
      command = value == null ? List.of() : value;
      return this;
    }

    public Builder env(String name, String value) {
      env.put(name, value);
      return this;
    }

    public Builder restartPolicy(RestartPolicy value) {
      restartPolicy = value;
      return this;
    }

    public Builder nodeLabel(String key, String value) {
      nodeSelector.put(key, value);
      return this;
    }

    public Builder strategy(PlacementStrategy value) {
      strategy = value;
      return this;
    }

    public Builder minReplicas(Integer value) {
      minReplicas = value;
      return this;
    }

    public Builder maxReplicas(Integer value) {
      maxReplicas = value;
      return this;
    }

    public Builder targetCpuPercent(Integer value) {
      targetCpuPercent = value;
      return this;
    }

    public Builder targetMemoryPercent(Integer value) {
      targetMemoryPercent = value;
      return this;
    }

    public Builder everything(boolean value) {
      everything = value;
      return this;
    }

    public Builder refersToLast(boolean value) {
      refersToLast = value;
      return this;
    }

    public Builder problem(String field, String reason) {
      problems.putIfAbsent(field, reason);
      return this;
    }

    public Intent build() {
      return new Intent(
          action,
          workload,
          node,
          image,
          replicas,
          replicaDelta,
          replicaFactor,
          cpuMillis,
          memoryMiB,
          command,
          env,
          restartPolicy,
          nodeSelector,
          strategy,
          minReplicas,
          maxReplicas,
          targetCpuPercent,
          targetMemoryPercent,
          everything,
          refersToLast,
          problems);
    }
  }
}

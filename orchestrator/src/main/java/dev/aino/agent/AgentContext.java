package dev.aino.agent;

import dev.aino.error.ValidationException;
import dev.aino.metrics.Metrics;
import dev.aino.model.HealthCheck;
import dev.aino.model.Instance;
import dev.aino.model.RestartPolicy;
import dev.aino.model.Workload;
import dev.aino.runtime.ContainerRuntime;
import dev.aino.work.KeyedWorkQueue;
import java.time.Clock;
import java.time.Duration;

/**
 * What the parts of one node agent share: its identity, the control plane (its {@link NodeApi}) and
 * runtime, its settings, and its local bookkeeping. Built once by {@link NodeAgent}.
 */
record AgentContext(
    String nodeName,
    NodeApi api,
    ContainerRuntime runtime,
    AgentConfig config,
    Clock clock,
    AgentEvents events,
    LocalContainers containers,
    Monitor monitor,
    RestartBackoff backoff,
    KeyedWorkQueue<String> queue,
    StartSlots startSlots,
    Metrics metrics) {

  /**
   * How long the instance's process may take to exit after SIGTERM: its workload's {@code
   * stopGracePeriodSeconds}, else this agent's {@link AgentConfig#stopGrace()} (also when the
   * workload is gone).
   */
  Duration stopGraceOf(String instanceId) {
    String workload;
    try {
      workload = Instance.workloadOf(instanceId);
    } catch (ValidationException notAnInstanceId) {
      return config.stopGrace(); // a container that no instance of aino's can own
    }
    return api.workload(workload)
        .map(w -> w.spec().stopGracePeriodSeconds())
        .map(seconds -> Duration.ofSeconds(seconds))
        .orElse(config.stopGrace());
  }

  /** The instance's workload's health check; null when it has none or the workload is gone. */
  HealthCheck healthCheckOf(Instance instance) {
    return api.workload(instance.workload()).map(w -> w.spec().healthCheck()).orElse(null);
  }

  /** The instance's workload's restart policy; NEVER once the workload is gone. */
  RestartPolicy restartPolicyOf(Instance instance) {
    return api.workload(instance.workload())
        .map(Workload::spec)
        .map(spec -> spec.restartPolicy())
        .orElse(RestartPolicy.NEVER);
  }
}

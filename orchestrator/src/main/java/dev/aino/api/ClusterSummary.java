package dev.aino.api;

import dev.aino.model.InstancePhase;
import dev.aino.model.Resources;
import java.util.List;
import java.util.Map;

/**
 * The cluster at a glance.
 *
 * @param nodes nodes registered
 * @param readyNodes nodes READY and schedulable
 * @param allocatable sum over nodes
 * @param allocated requests of instances holding resources
 * @param free allocatable less allocated, summed per node
 * @param workloads workloads declared
 * @param instancesByPhase instance counts per phase
 * @param problems one line per thing that needs attention (down nodes, pending or crash-looping
 *     workloads), most important first
 * @param leader the server acting as control plane when several share one etcd; null with one
 *     server, or while none is elected
 */
public record ClusterSummary(
    int nodes,
    int readyNodes,
    Resources allocatable,
    Resources allocated,
    Resources free,
    int workloads,
    Map<InstancePhase, Integer> instancesByPhase,
    List<String> problems,
    String leader) {
  /** The summary of a single-server cluster, which has no leader to name. */
  public ClusterSummary(
      int nodes,
      int readyNodes,
      Resources allocatable,
      Resources allocated,
      Resources free,
      int workloads,
      Map<InstancePhase, Integer> instancesByPhase,
      List<String> problems) {
    this(
        nodes,
        readyNodes,
        allocatable,
        allocated,
        free,
        workloads,
        instancesByPhase,
        problems,
        null);
  }

  /** This summary naming {@code leader} as the control plane. */
  public ClusterSummary withLeader(String leader) {
    return new ClusterSummary(
        nodes,
        readyNodes,
        allocatable,
        allocated,
        free,
        workloads,
        instancesByPhase,
        problems,
        leader);
  }
}

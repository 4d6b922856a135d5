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
 */
public record ClusterSummary(
    int nodes,
    int readyNodes,
    Resources allocatable,
    Resources allocated,
    Resources free,
    int workloads,
    Map<InstancePhase, Integer> instancesByPhase,
    List<String> problems) {}

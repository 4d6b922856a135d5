package dev.aino.scheduler;

import dev.aino.model.Node;
import dev.aino.model.NodeStatus;
import dev.aino.model.Protocol;
import dev.aino.model.Resources;
import java.util.Map;

/**
 * The mutable bookkeeping of one node inside a {@link ClusterSnapshot}: allocated totals, plus
 * copies of the node fields that every candidate check reads, so checking a candidate usually
 * touches this one object. Replica counts live per workload in the snapshot (see {@link
 * ReplicaCounts}).
 */
final class NodeState implements NodeView {
  final Node node;
  final int index;
  private final NodeStatus status;
  private final boolean schedulable;
  private final long allocatableCpu;
  private final long allocatableMemory;
  private final Map<String, ReplicaCounts> replicasByWorkload;
  private long allocatedCpu;
  private long allocatedMemory;
  private HostPorts ports = new HostPorts();

  NodeState(Node node, int index, Map<String, ReplicaCounts> replicasByWorkload) {
    this.node = node;
    this.index = index;
    this.status = node.status();
    this.schedulable = node.schedulable();
    this.allocatableCpu = node.allocatable().cpuMillis();
    this.allocatableMemory = node.allocatable().memoryMiB();
    this.replicasByWorkload = replicasByWorkload;
  }

  void allocate(Resources resources) {
    allocatedCpu += resources.cpuMillis();
    allocatedMemory += resources.memoryMiB();
  }

  /** The same node state in a copied snapshot, whose replica counts are {@code replicas}. */
  NodeState copy(Map<String, ReplicaCounts> replicas) {
    NodeState copy = new NodeState(node, index, replicas);
    copy.allocatedCpu = allocatedCpu;
    copy.allocatedMemory = allocatedMemory;
    copy.ports = ports.copy();
    return copy;
  }

  @Override
  public Node node() {
    return node;
  }

  @Override
  public NodeStatus status() {
    return status;
  }

  @Override
  public boolean schedulable() {
    return schedulable;
  }

  @Override
  public long allocatableCpuMillis() {
    return allocatableCpu;
  }

  @Override
  public long allocatableMemoryMiB() {
    return allocatableMemory;
  }

  @Override
  public long allocatedCpuMillis() {
    return allocatedCpu;
  }

  @Override
  public long allocatedMemoryMiB() {
    return allocatedMemory;
  }

  @Override
  public long freeCpuMillis() {
    return allocatableCpu - allocatedCpu;
  }

  @Override
  public long freeMemoryMiB() {
    return allocatableMemory - allocatedMemory;
  }

  @Override
  public int replicasOf(String workload) {
    ReplicaCounts counts = replicasByWorkload.get(workload);
    return counts == null ? 0 : counts.on(index);
  }

  /** The host ports instances hold here, this pass's placements included. */
  HostPorts ports() {
    return ports;
  }

  @Override
  public boolean portInUse(Protocol protocol, int port) {
    return ports.inUse(protocol, port);
  }

  @Override
  public int freeDynamicPorts(Protocol protocol, int n) {
    return ports.freeDynamic(protocol, n);
  }

  @Override
  public String toString() {
    return node.name() + " (" + allocatedCpu + "m/" + allocatedMemory + " MiB allocated)";
  }
}

package dev.aino.scheduler;

import dev.aino.model.NetworkMode;
import dev.aino.model.Node;
import dev.aino.model.NodeStatus;
import dev.aino.model.Protocol;
import dev.aino.model.RuntimeInfo;

/**
 * What feasibility checkers and rankers may read about one node during a scheduling pass: the node
 * itself, what is allocated on it so far (including this pass's placements) and how many replicas
 * of each workload it holds. Free amounts may be negative when a node was already over-committed
 * before the pass (for example after its allocatable shrank); such a node fits nothing.
 */
public interface NodeView {
  /** The node as registered. */
  Node node();

  /** The node's membership status. */
  default NodeStatus status() {
    return node().status();
  }

  /** False when the node is cordoned or draining. */
  default boolean schedulable() {
    return node().schedulable();
  }

  /** The node's allocatable CPU (millicores). */
  default long allocatableCpuMillis() {
    return node().allocatable().cpuMillis();
  }

  /** The node's allocatable memory (MiB). */
  default long allocatableMemoryMiB() {
    return node().allocatable().memoryMiB();
  }

  /** CPU (millicores) held by instances on this node. */
  long allocatedCpuMillis();

  /** Memory (MiB) held by instances on this node. */
  long allocatedMemoryMiB();

  /** How many instances of {@code workload} hold resources on this node. */
  int replicasOf(String workload);

  /** Allocatable CPU minus allocated CPU; negative when over-committed. */
  default long freeCpuMillis() {
    return allocatableCpuMillis() - allocatedCpuMillis();
  }

  /** Allocatable memory minus allocated memory; negative when over-committed. */
  default long freeMemoryMiB() {
    return allocatableMemoryMiB() - allocatedMemoryMiB();
  }

  /** True when an instance on this node holds {@code port} of {@code protocol}. */
  default boolean portInUse(Protocol protocol, int port) {
    return false;
  }

  /** How many ports of the dynamic range are free for {@code protocol}, counting to {@code n}. */
  default int freeDynamicPorts(Protocol protocol, int n) {
    return n;
  }

  /**
   * The network mode {@code request} gets here: the one it names when the node's runtime offers it,
   * else null; when it names none, bridge where offered and host elsewhere.
   */
  default NetworkMode networkFor(PlacementRequest request) {
    RuntimeInfo runtime = node().runtime();
    NetworkMode wanted = request.network();
    if (wanted == null) {
      return runtime == null ? NetworkMode.HOST : runtime.defaultNetwork();
    }
    return wanted == NetworkMode.HOST || (runtime != null && runtime.offers(wanted))
        ? wanted
        : null;
  }
}

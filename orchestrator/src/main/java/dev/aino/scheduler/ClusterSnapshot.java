package dev.aino.scheduler;

import dev.aino.error.NotFoundException;
import dev.aino.error.ValidationException;
import dev.aino.model.Instance;
import dev.aino.model.NetworkMode;
import dev.aino.model.Node;
import dev.aino.model.PortBinding;
import dev.aino.model.Protocol;
import dev.aino.model.Resources;
import dev.aino.model.Validate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The cluster as the scheduler sees it: every node with what is allocated on it and how many
 * replicas of each workload it holds. Built once from the store's nodes and instances, then updated
 * by {@link #assign} as a scheduling pass places instances, so one batch never over-commits a node.
 * Not thread-safe: one pass owns it; {@link #copy()} gives an independent snapshot for dry runs.
 *
 * <p>Nodes are kept in name order whatever order they were given in, so equal inputs make equal
 * snapshots and the scheduler's result does not depend on how the store listed them.
 */
public final class ClusterSnapshot {
  private final NodeState[] nodes;
  private final Map<String, Integer> indexByName;

  /** Per workload, its replicas per node; shared with every {@link NodeState} of this snapshot. */
  private final HashMap<String, ReplicaCounts> replicasByWorkload;

  private ClusterSnapshot(
      NodeState[] nodes,
      Map<String, Integer> indexByName,
      HashMap<String, ReplicaCounts> replicasByWorkload) {
    this.nodes = nodes;
    this.indexByName = indexByName;
    this.replicasByWorkload = replicasByWorkload;
  }

  /**
   * Builds a snapshot. Every instance that {@linkplain Instance#holdsResources() holds resources}
   * and names a node of {@code nodes} is charged to that node; pending instances (no node) and
   * instances on unknown nodes are ignored.
   *
   * @throws ValidationException when a node or instance is null, or two nodes share a name
   */
  public static ClusterSnapshot of(Collection<Node> nodes, Collection<Instance> instances) {
    Validate.required("nodes", nodes);
    Validate.required("instances", instances);
    List<Node> sorted = new ArrayList<>(nodes);
    for (int i = 0; i < sorted.size(); i++) {
      Validate.required("nodes[" + i + "]", sorted.get(i));
    }
    sorted.sort(Comparator.comparing(Node::name));
    NodeState[] states = new NodeState[sorted.size()];
    HashMap<String, ReplicaCounts> replicas = new HashMap<>();
    Map<String, Integer> indexByName = new HashMap<>(sorted.size() * 2);
    for (int i = 0; i < states.length; i++) {
      Node node = sorted.get(i);
      if (indexByName.put(node.name(), i) != null) {
        throw new ValidationException("nodes", "duplicate node name \"" + node.name() + "\"");
      }
      states[i] = new NodeState(node, i, replicas);
    }
    ClusterSnapshot snapshot = new ClusterSnapshot(states, indexByName, replicas);
    int position = 0;
    for (Instance instance : instances) {
      Validate.required("instances[" + position++ + "]", instance);
      if (instance.holdsResources() && instance.node() != null) {
        Integer index = indexByName.get(instance.node());
        if (index != null) {
          snapshot.charge(index, instance.workload(), instance.resources());
          snapshot.nodes[index].ports().holdAll(instance.ports());
        }
      }
    }
    return snapshot;
  }

  /** An independent snapshot with the same state; changes to either never show in the other. */
  public ClusterSnapshot copy() {
    HashMap<String, ReplicaCounts> replicas = new HashMap<>(replicasByWorkload.size() * 2);
    for (Map.Entry<String, ReplicaCounts> e : replicasByWorkload.entrySet()) {
      replicas.put(e.getKey(), e.getValue().copy());
    }
    NodeState[] states = new NodeState[nodes.length];
    for (int i = 0; i < states.length; i++) {
      states[i] = nodes[i].copy(replicas);
    }
    return new ClusterSnapshot(states, indexByName, replicas);
  }

  /**
   * Records that {@code request} now runs on {@code nodeName}: its resources, its host ports and
   * one replica of its workload are charged to the node. Records unconditionally; the scheduler
   * checks the fit first.
   *
   * @return the request's ports with the host port each got
   * @throws NotFoundException when the snapshot has no such node
   */
  public List<PortBinding> assign(PlacementRequest request, String nodeName) {
    Validate.required("request", request);
    int index = indexOf(nodeName);
    charge(index, request.workload(), request.resources());
    NodeState node = nodes[index];
    NetworkMode mode = node.networkFor(request);
    return node.ports()
        .bind(request.instanceId(), request.ports(), mode == null ? NetworkMode.HOST : mode);
  }

  /** Whether an instance on the node holds host port {@code port} of {@code protocol}. */
  public boolean portInUse(String nodeName, Protocol protocol, int port) {
    return nodes[indexOf(nodeName)].portInUse(protocol, port);
  }

  /** How many nodes the snapshot holds, whatever their status. */
  public int nodeCount() {
    return nodes.length;
  }

  /** The nodes, in name order. */
  public List<Node> nodes() {
    List<Node> list = new ArrayList<>(nodes.length);
    for (NodeState state : nodes) {
      list.add(state.node);
    }
    return list;
  }

  /** The node called {@code name}. */
  public Node node(String name) {
    return nodes[indexOf(name)].node;
  }

  /** What instances on the node hold, including this pass's placements. */
  public Resources allocated(String nodeName) {
    NodeState state = nodes[indexOf(nodeName)];
    return Resources.of(state.allocatedCpuMillis(), state.allocatedMemoryMiB());
  }

  /** Allocatable less allocated, floored at zero in each dimension. */
  public Resources free(String nodeName) {
    NodeState state = nodes[indexOf(nodeName)];
    return Resources.of(Math.max(0, state.freeCpuMillis()), Math.max(0, state.freeMemoryMiB()));
  }

  /** How many instances of {@code workload} hold resources on the node. */
  public int replicasOn(String workload, String nodeName) {
    return nodes[indexOf(nodeName)].replicasOf(workload);
  }

  /** The most replicas of {@code workload} on any one node, 0 when it has none. */
  public int mostReplicasOnOneNode(String workload) {
    ReplicaCounts counts = replicasByWorkload.get(workload);
    return counts == null ? 0 : counts.most();
  }

  NodeState nodeAt(int index) {
    return nodes[index];
  }

  private int indexOf(String nodeName) {
    Integer index = nodeName == null ? null : indexByName.get(nodeName);
    if (index == null) {
      throw NotFoundException.of("node", nodeName);
    }
    return index;
  }

  void charge(int index, String workload, Resources resources) {
    nodes[index].allocate(resources);
    ReplicaCounts counts = replicasByWorkload.get(workload);
    if (counts == null) {
      counts = new ReplicaCounts();
      replicasByWorkload.put(workload, counts);
    }
    counts.increment(index);
  }
}

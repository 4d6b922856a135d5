package dev.aino.scheduler;

/**
 * Penalises nodes that already hold replicas of the request's workload, in proportion to how many:
 * {@code -replicasHere / mostReplicasOnAnyNode}, as Kubernetes' selector spreading scores. The node
 * with the most replicas gets -1 and a node with none 0, so a second replica avoids the node of the
 * first whenever another node fits, while a large workload still evens out across nodes.
 */
final class AntiAffinityRanker implements NodeRanker {
  private final ClusterSnapshot snapshot;

  AntiAffinityRanker(ClusterSnapshot snapshot) {
    this.snapshot = snapshot;
  }

  @Override
  public double score(NodeView node, PlacementRequest request) {
    int here = node.replicasOf(request.workload());
    if (here == 0) {
      return 0.0;
    }
    return -(double) here / snapshot.mostReplicasOnOneNode(request.workload());
  }
}

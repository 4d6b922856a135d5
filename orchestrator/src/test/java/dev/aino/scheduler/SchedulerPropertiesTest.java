package dev.aino.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aino.model.Instance;
import dev.aino.model.NetworkMode;
import dev.aino.model.Node;
import dev.aino.model.NodeStatus;
import dev.aino.model.PortBinding;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Properties over random clusters and batches, 200 seeds each. Every check recomputes what it needs
 * from the input nodes, instances and decisions, never from the scheduler's own bookkeeping.
 */
class SchedulerPropertiesTest {
  static Stream<RandomCase> cases() {
    return LongStream.range(0, 200).mapToObj(RandomCase::new);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void neverOverCommitsANode(RandomCase c) {
    ClusterSnapshot snapshot = c.snapshot();
    SchedulingResult result = new Scheduler(c.config).schedule(snapshot, c.requests);

    Map<String, long[]> used = usage(c, result);
    for (PlacementDecision decision : result.placed()) {
      Node node = nodeNamed(c, decision.node());
      long[] total = used.get(node.name());
      assertThat(total[0])
          .as("%s: cpu on %s after placing %s", c, node.name(), decision.instanceId())
          .isLessThanOrEqualTo(node.allocatable().cpuMillis());
      assertThat(total[1])
          .as("%s: memory on %s after placing %s", c, node.name(), decision.instanceId())
          .isLessThanOrEqualTo(node.allocatable().memoryMiB());
    }
    for (Node node : c.nodes) {
      long[] total = used.getOrDefault(node.name(), new long[2]);
      assertThat(
              new long[] {
                snapshot.allocated(node.name()).cpuMillis(),
                snapshot.allocated(node.name()).memoryMiB()
              })
          .as("%s: snapshot bookkeeping of %s", c, node.name())
          .containsExactly(total);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void honoursSelectorsStatusAndCordons(RandomCase c) {
    SchedulingResult result = new Scheduler(c.config).schedule(c.snapshot(), c.requests);

    for (PlacementDecision decision : result.placed()) {
      Node node = nodeNamed(c, decision.node());
      PlacementRequest request = requestOf(c, decision.instanceId());
      assertThat(node.status())
          .as("%s: %s on %s", c, decision.instanceId(), node.name())
          .isEqualTo(NodeStatus.READY);
      assertThat(node.schedulable())
          .as("%s: %s on cordoned %s", c, decision.instanceId(), node.name())
          .isTrue();
      for (Map.Entry<String, String> label : request.placement().nodeSelector().entrySet()) {
        assertThat(node.labels())
            .as("%s: %s on %s", c, decision.instanceId(), node.name())
            .containsEntry(label.getKey(), label.getValue());
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void leavesUnplacedOnlyWhatFitsNowhere(RandomCase c) {
    SchedulingResult result = new Scheduler(c.config).schedule(c.snapshot(), c.requests);

    Map<String, long[]> used = usage(c, result);
    for (Unplaced unplaced : result.unplaced()) {
      PlacementRequest request = requestOf(c, unplaced.instanceId());
      for (Node node : c.nodes) {
        long[] total = used.getOrDefault(node.name(), new long[2]);
        boolean fits =
            node.status() == NodeStatus.READY
                && node.schedulable()
                && request.placement().matches(node.labels())
                && total[0] + request.resources().cpuMillis() <= node.allocatable().cpuMillis()
                && total[1] + request.resources().memoryMiB() <= node.allocatable().memoryMiB();
        assertThat(fits)
            .as("%s: unplaced %s fits %s", c, request.instanceId(), node.name())
            .isFalse();
      }
      assertThat(unplaced.report().fitCount()).as("%s", c).isZero();
      assertThat(unplaced.report().nodeCount()).as("%s", c).isEqualTo(c.nodes.size());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void decidesEveryRequestOnceInOrder(RandomCase c) {
    SchedulingResult result = new Scheduler(c.config).schedule(c.snapshot(), c.requests);

    List<String> decided = new ArrayList<>();
    result.placed().forEach(p -> decided.add(p.instanceId()));
    result.unplaced().forEach(u -> decided.add(u.instanceId()));
    List<String> requested = new ArrayList<>();
    c.requests.forEach(r -> requested.add(r.instanceId()));
    assertThat(decided).as("%s", c).containsExactlyInAnyOrderElementsOf(requested);
    assertThat(result.placed())
        .extracting(PlacementDecision::instanceId)
        .as("%s", c)
        .isSubsetOf(requested)
        .isSortedAccordingTo((a, b) -> Integer.compare(requested.indexOf(a), requested.indexOf(b)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void aBatchDecidesAsOneRequestPerCall(RandomCase c) {
    Scheduler scheduler = new Scheduler(c.config);
    SchedulingResult batch = scheduler.schedule(c.snapshot(), c.requests);

    ClusterSnapshot snapshot = c.snapshot();
    List<PlacementDecision> placed = new ArrayList<>();
    List<Unplaced> unplaced = new ArrayList<>();
    for (PlacementRequest request : c.requests) {
      SchedulingResult single = scheduler.schedule(snapshot, List.of(request));
      placed.addAll(single.placed());
      unplaced.addAll(single.unplaced());
    }
    assertThat(new SchedulingResult(placed, unplaced)).as("%s", c).isEqualTo(batch);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void sameSeedSameResult(RandomCase c) {
    SchedulingResult first = new Scheduler(c.config).schedule(c.snapshot(), c.requests);
    List<Node> reversed = new ArrayList<>(c.nodes);
    Collections.reverse(reversed);
    SchedulingResult second =
        new Scheduler(c.config).schedule(ClusterSnapshot.of(reversed, c.instances), c.requests);
    assertThat(second).as("%s", c).isEqualTo(first);
  }

  /** Skipping nodes that already rejected a shape changes nothing: a plain walk agrees. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void skippingRejectedNodesMatchesAPlainWalk(RandomCase c) {
    SchedulingResult result = new Scheduler(c.config).schedule(c.snapshot(), c.requests);

    assertThat(result).as("%s", c).isEqualTo(plainWalk(c));
  }

  /**
   * The reference: every request walks all nodes of the same visit order from the same start,
   * checking each afresh, and stops under the same candidate rule.
   */
  private static SchedulingResult plainWalk(RandomCase c) {
    ClusterSnapshot snapshot = c.snapshot();
    PlacementStages stages = PlacementStages.standard(snapshot);
    int n = snapshot.nodeCount();
    VisitOrder order = new VisitOrder(n, c.config.seed());
    int limit = c.config.candidateLimit().forNodeCount(n);
    long maxRanked = (long) limit + c.config.maxPenalisedSkips();
    List<PlacementDecision> placed = new ArrayList<>();
    List<Unplaced> unplaced = new ArrayList<>();
    for (PlacementRequest request : c.requests) {
      int start = order.start(request.instanceId());
      int best = -1;
      double bestScore = 0;
      int ranked = 0;
      int unpenalised = 0;
      for (int k = 0; k < n && ranked < maxRanked && unpenalised < limit; k++) {
        int index = order.nodeAt((start + k) % n);
        NodeState node = snapshot.nodeAt(index);
        if (stages.reject(node, request) != null) {
          continue;
        }
        double sum = 0;
        boolean penalised = false;
        for (NodeRanker ranker : stages.rankers) {
          double s = ranker.score(node, request);
          sum += s;
          penalised |= s < 0;
        }
        double score = sum / stages.rankers.length;
        ranked++;
        unpenalised += penalised ? 0 : 1;
        if (best < 0 || score > bestScore || (score == bestScore && index < best)) {
          best = index;
          bestScore = score;
        }
      }
      if (best < 0) {
        unplaced.add(
            new Unplaced(request.instanceId(), new Scheduler(c.config).explain(snapshot, request)));
      } else {
        String name = snapshot.nodeAt(best).node().name();
        NetworkMode network = snapshot.nodeAt(best).networkFor(request);
        List<PortBinding> ports = snapshot.assign(request, name);
        placed.add(new PlacementDecision(request.instanceId(), name, bestScore, network, ports));
      }
    }
    return new SchedulingResult(placed, unplaced);
  }

  /** Per node, cpu and memory held by input instances plus this result's placements. */
  private static Map<String, long[]> usage(RandomCase c, SchedulingResult result) {
    Map<String, long[]> used = new HashMap<>();
    for (Node node : c.nodes) {
      used.put(node.name(), new long[2]);
    }
    for (Instance instance : c.instances) {
      long[] total = instance.node() == null ? null : used.get(instance.node());
      if (total != null && !instance.phase().isTerminal()) {
        total[0] += instance.resources().cpuMillis();
        total[1] += instance.resources().memoryMiB();
      }
    }
    for (PlacementDecision decision : result.placed()) {
      PlacementRequest request = requestOf(c, decision.instanceId());
      long[] total = used.get(decision.node());
      total[0] += request.resources().cpuMillis();
      total[1] += request.resources().memoryMiB();
    }
    return used;
  }

  private static Node nodeNamed(RandomCase c, String name) {
    return c.nodeNamed(name);
  }

  private static PlacementRequest requestOf(RandomCase c, String instanceId) {
    return c.requestOf(instanceId);
  }
}

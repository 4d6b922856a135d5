package dev.aino.scheduler;

import static dev.aino.scheduler.SchedulerFixtures.SPREAD;
import static dev.aino.scheduler.SchedulerFixtures.node;
import static dev.aino.scheduler.SchedulerFixtures.request;
import static dev.aino.scheduler.SchedulerFixtures.running;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aino.error.ValidationException;
import dev.aino.model.Instance;
import dev.aino.model.Node;
import dev.aino.model.NodeStatus;
import dev.aino.model.Placement;
import dev.aino.model.PlacementStrategy;
import dev.aino.model.Resources;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SchedulerTest {
  private final Scheduler scheduler = new Scheduler(SchedulerConfig.defaults());

  @Test
  void binPackPlacesOnTheFullerNode() {
    ClusterSnapshot snapshot = twoNodesOneBusy();

    SchedulingResult result = scheduler.schedule(snapshot, List.of(request("web-1", 500, 1000)));

    assertThat(result.nodeOf("web-1")).contains("b");
    assertThat(snapshot.allocated("b")).isEqualTo(Resources.of(3500, 7000));
    assertThat(result.placed().get(0).score()).isBetween(0.0, 1.0);
  }

  @Test
  void spreadPlacesOnTheEmptierNode() {
    ClusterSnapshot snapshot = twoNodesOneBusy();

    SchedulingResult result =
        scheduler.schedule(snapshot, List.of(request("web-1", 500, 1000, SPREAD)));

    assertThat(result.nodeOf("web-1")).contains("a");
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {0, 1, 2, 3, 42, 1234})
  void antiAffinitySpreadsReplicasOverNodesThatFit(long seed) {
    List<Node> nodes = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      nodes.add(node("n" + i, 4000, 8192));
    }
    ClusterSnapshot snapshot = ClusterSnapshot.of(nodes, List.of());
    List<PlacementRequest> replicas = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      replicas.add(request("web-" + i, 500, 512));
    }

    SchedulingResult result =
        new Scheduler(SchedulerConfig.defaults().withSeed(seed)).schedule(snapshot, replicas);

    Set<String> used = new HashSet<>();
    result.placed().forEach(p -> used.add(p.node()));
    assertThat(used).as("seed %d: %s", seed, result.placed()).hasSize(6);
  }

  @Test
  void replicasShareANodeWhenNoOtherFits() {
    ClusterSnapshot snapshot =
        ClusterSnapshot.of(
            List.of(node("a", 4000, 8192), node("b", 100, 100).withSchedulable(false)), List.of());

    SchedulingResult result =
        scheduler.schedule(
            snapshot, List.of(request("web-1", 1000, 1000), request("web-2", 1000, 1000)));

    assertThat(result.placed()).extracting(PlacementDecision::node).containsExactly("a", "a");
    assertThat(snapshot.replicasOn("web", "a")).isEqualTo(2);
  }

  @Test
  void aBatchNeverOverCommitsANode() {
    ClusterSnapshot snapshot = ClusterSnapshot.of(List.of(node("a", 1000, 4096)), List.of());
    List<PlacementRequest> requests = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      requests.add(request("web-" + i, 300, 100));
    }

    SchedulingResult result = scheduler.schedule(snapshot, requests);

    assertThat(result.placed())
        .extracting(PlacementDecision::instanceId)
        .containsExactly("web-0", "web-1", "web-2");
    assertThat(result.unplaced()).hasSize(7);
    assertThat(result.unplaced().get(0).report().message())
        .isEqualTo("0/1 nodes fit: 1 insufficient cpu");
    assertThat(snapshot.allocated("a")).isEqualTo(Resources.of(900, 300));
  }

  @Test
  void reportCountsEachNodeUnderItsFirstRejection() {
    List<Node> nodes =
        List.of(
            node("a", 1000, 1000),
            node("b", 1000, 1000),
            node("c", 4000, 1000),
            node("d", 100, 100).withStatus(NodeStatus.DOWN),
            node("e", 8000, 8000).withStatus(NodeStatus.SUSPECT));
    ClusterSnapshot snapshot = ClusterSnapshot.of(nodes, List.of());

    SchedulingResult result = scheduler.schedule(snapshot, List.of(request("web-1", 500, 2000)));

    assertThat(result.placed()).isEmpty();
    assertThat(result.unplaced())
        .containsExactly(
            new Unplaced(
                "web-1", new FitReport(5, 0, Map.of("insufficient memory", 3, "not ready", 2))));
    assertThat(result.unplaced().get(0).report().message())
        .isEqualTo("0/5 nodes fit: 3 insufficient memory, 2 not ready");
  }

  @Test
  void everyStageNamesItsReason() {
    Placement ssd = new Placement(Map.of("disk", "ssd"), PlacementStrategy.BINPACK);
    List<Node> nodes =
        List.of(
            node("a", 4000, 4000, Map.of("disk", "ssd"), NodeStatus.DOWN, true),
            node("b", 4000, 4000, Map.of("disk", "ssd"), NodeStatus.READY, false),
            node("c", 4000, 4000, Map.of("disk", "hdd"), NodeStatus.READY, true),
            node("d", 100, 4000, Map.of("disk", "ssd"), NodeStatus.READY, true),
            node("e", 4000, 100, Map.of("disk", "ssd"), NodeStatus.READY, true),
            node("f", 4000, 100, Map.of("disk", "ssd"), NodeStatus.READY, true));

    FitReport report =
        scheduler.explain(ClusterSnapshot.of(nodes, List.of()), request("web-1", 500, 500, ssd));

    assertThat(report.message())
        .isEqualTo(
            "0/6 nodes fit: 2 insufficient memory, 1 cordoned, 1 insufficient cpu,"
                + " 1 node selector mismatch, 1 not ready");
  }

  @Test
  void explainCountsTheNodesThatFit() {
    ClusterSnapshot snapshot =
        ClusterSnapshot.of(
            List.of(node("a", 1000, 1000), node("b", 1000, 1000), node("c", 10, 10)), List.of());

    assertThat(scheduler.explain(snapshot, request("web-1", 500, 500)).message())
        .isEqualTo("2/3 nodes fit: 1 insufficient cpu");
  }

  @Test
  void noNodesMeansNoNodesRegistered() {
    SchedulingResult result =
        scheduler.schedule(
            ClusterSnapshot.of(List.of(), List.of()), List.of(request("web-1", 1, 1)));

    assertThat(result.unplaced()).hasSize(1);
    assertThat(result.unplaced().get(0).report().message())
        .isEqualTo("0/0 nodes fit: no nodes registered");
  }

  @Test
  void identicalFailuresShareOneReport() {
    ClusterSnapshot snapshot = ClusterSnapshot.of(List.of(node("a", 1000, 1000)), List.of());
    List<PlacementRequest> requests = new ArrayList<>();
    for (int i = 0; i < 900; i++) {
      requests.add(request("big-" + i, 2000, 100));
    }

    SchedulingResult result = scheduler.schedule(snapshot, requests);

    assertThat(result.unplaced()).hasSize(900);
    FitReport first = result.unplaced().get(0).report();
    assertThat(result.unplaced()).allSatisfy(u -> assertThat(u.report()).isSameAs(first));
  }

  @Test
  void aReportIsRecountedAfterAPlacementChangesTheCluster() {
    ClusterSnapshot snapshot = ClusterSnapshot.of(List.of(node("a", 1000, 1000)), List.of());

    SchedulingResult result =
        scheduler.schedule(
            snapshot,
            List.of(
                request("big-1", 500, 2000),
                request("small-1", 800, 10),
                request("big-2", 500, 2000)));

    assertThat(result.nodeOf("small-1")).contains("a");
    assertThat(result.unplaced())
        .extracting(u -> u.report().message())
        .containsExactly(
            "0/1 nodes fit: 1 insufficient memory", "0/1 nodes fit: 1 insufficient cpu");
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {0, 1, 2, 3, 4, 5, 6, 7})
  void findsTheOnlyFittingNodeAmongMany(long seed) {
    List<Node> nodes = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      nodes.add(node("n" + i, 1000, 1000));
    }
    nodes.add(node("x", 1000, 1000, Map.of("gpu", "yes"), NodeStatus.READY, true));
    Placement gpu = new Placement(Map.of("gpu", "yes"), PlacementStrategy.BINPACK);

    SchedulingResult result =
        new Scheduler(SchedulerConfig.defaults().withSeed(seed))
            .schedule(ClusterSnapshot.of(nodes, List.of()), List.of(request("ml-1", 1, 1, gpu)));

    assertThat(result.nodeOf("ml-1")).as("seed %d", seed).contains("x");
  }

  @Test
  void manyNodeSelectorsInOneBatchSeeEarlierPlacements() {
    // 40 selectors exceed the indices a pass keeps, so some are dropped and rebuilt mid-batch.
    List<Node> nodes = new ArrayList<>();
    List<PlacementRequest> requests = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      nodes.add(node("n" + i, 1000, 1000, Map.of("slot", "s" + i), NodeStatus.READY, true));
    }
    for (int round = 0; round < 2; round++) {
      for (int i = 0; i < 40; i++) {
        Placement slot = new Placement(Map.of("slot", "s" + i), PlacementStrategy.BINPACK);
        requests.add(request("w" + i + "-r" + round, 600, 100, slot));
      }
    }

    SchedulingResult result = scheduler.schedule(ClusterSnapshot.of(nodes, List.of()), requests);

    assertThat(result.placed()).hasSize(40);
    for (int i = 0; i < 40; i++) {
      assertThat(result.nodeOf("w" + i + "-r0")).contains("n" + i);
    }
    assertThat(result.unplaced())
        .extracting(Unplaced::instanceId)
        .containsExactlyElementsOf(
            requests.subList(40, 80).stream().map(PlacementRequest::instanceId).toList());
    assertThat(result.unplaced())
        .allSatisfy(
            u ->
                assertThat(u.report().message())
                    .isEqualTo("0/40 nodes fit: 39 node selector mismatch, 1 insufficient cpu"));
  }

  @Test
  void rankingAllNodesFindsTheGloballyFullestFit() {
    List<Node> nodes = new ArrayList<>();
    List<Instance> load = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      nodes.add(node("n" + i, 10_000, 10_000));
      load.add(running("load-" + i, "n" + i, (i + 1) * 150L, (i + 1) * 150L));
    }
    Scheduler all =
        new Scheduler(SchedulerConfig.defaults().withCandidateLimit(CandidateLimit.allNodes()));

    SchedulingResult result =
        all.schedule(ClusterSnapshot.of(nodes, load), List.of(request("web-1", 2700, 2700)));

    // n47 holds 7,200 of 10,000: the fullest node the request still fits on (n48 lacks 50).
    assertThat(result.nodeOf("web-1")).contains("n47");
  }

  @Test
  void sameSeedSameDecisionsAndSeedsMatter() {
    List<SchedulingResult> bySeed = new ArrayList<>();
    for (long seed = 0; seed < 10; seed++) {
      Scheduler seeded = new Scheduler(SchedulerConfig.defaults().withSeed(seed));
      SchedulingResult once = seeded.schedule(bigCluster(), manyRequests());
      SchedulingResult twice = seeded.schedule(bigCluster(), manyRequests());
      assertThat(twice).as("seed %d", seed).isEqualTo(once);
      bySeed.add(once);
    }
    assertThat(new HashSet<>(bySeed)).hasSizeGreaterThan(1);
  }

  @Test
  void refusesDuplicateInstancesInOneBatch() {
    ClusterSnapshot snapshot = twoNodesOneBusy();
    assertThatThrownBy(
            () ->
                scheduler.schedule(
                    snapshot, List.of(request("web-1", 1, 1), request("web-1", 1, 1))))
        .isInstanceOf(ValidationException.class)
        .hasMessage("requests[1].instanceId: duplicate instance \"web-1\" in one batch");
    assertThat(snapshot.allocated("a")).isEqualTo(Resources.ZERO);
  }

  private static ClusterSnapshot twoNodesOneBusy() {
    return ClusterSnapshot.of(
        List.of(node("a", 4000, 8192), node("b", 4000, 8192)),
        List.of(running("db-1", "b", 3000, 6000)));
  }

  private static ClusterSnapshot bigCluster() {
    List<Node> nodes = new ArrayList<>();
    for (int i = 0; i < 64; i++) {
      nodes.add(node("n" + i, 4000, 8192));
    }
    return ClusterSnapshot.of(nodes, List.of());
  }

  private static List<PlacementRequest> manyRequests() {
    List<PlacementRequest> requests = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      requests.add(request("w" + (i % 7) + "-" + i, 100 + (i % 5) * 100, 256));
    }
    return requests;
  }
}

package dev.aino.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aino.model.DesiredState;
import dev.aino.model.Instance;
import dev.aino.model.InstancePhase;
import dev.aino.model.RestartPolicy;
import dev.aino.model.UpdateStrategy;
import dev.aino.model.Workload;
import dev.aino.model.WorkloadSpec;
import dev.aino.testing.Fixtures;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class WorkloadPlannerTest {
  private final WorkloadPlanner planner = new WorkloadPlanner(new InstanceIds(new Random(1)));
  private int created;

  static Stream<Arguments> scaling() {
    // replicas, running ready instances, pending instances, expected creates, expected stops
    return Stream.of(
        Arguments.of(0, 0, 0, 0, 0),
        Arguments.of(5, 0, 0, 5, 0),
        Arguments.of(5, 2, 0, 3, 0),
        Arguments.of(5, 5, 0, 0, 0),
        Arguments.of(2, 5, 0, 0, 3),
        Arguments.of(0, 5, 0, 0, 5),
        Arguments.of(3, 3, 2, 0, 2),
        Arguments.of(4, 3, 2, 0, 1));
  }

  @ParameterizedTest(name = "replicas={0} running={1} pending={2} -> create {3}, stop {4}")
  @MethodSource("scaling")
  void scalesTowardsTheReplicaCount(
      int replicas, int running, int pending, int creates, int stops) {
    Workload w = workload(replicas, UpdateStrategy.DEFAULT);
    List<Instance> instances = new ArrayList<>();
    for (int i = 0; i < running; i++) {
      instances.add(running(w, true));
    }
    for (int i = 0; i < pending; i++) {
      instances.add(pending(w));
    }
    Plan plan = planner.plan(w, instances, Fixtures.T0);
    assertThat(plan.create()).hasSize(creates);
    assertThat(plan.stop()).hasSize(stops);
    assertThat(plan.create()).allMatch(i -> i.phase() == InstancePhase.PENDING);
  }

  @Test
  void scaleDownStopsPendingFirstThenNewest() {
    Workload w = workload(2, UpdateStrategy.DEFAULT);
    Instance old = running(w, true);
    Instance newer = running(w, true);
    Instance newest = running(w, true);
    Instance waiting = pending(w);
    Plan plan = planner.plan(w, List.of(old, newer, newest, waiting), Fixtures.T0);
    assertThat(plan.stop()).extracting(Instance::id).containsExactly(waiting.id(), newest.id());
    Instance stoppedPending = plan.stop().get(0);
    assertThat(stoppedPending.phase()).isEqualTo(InstancePhase.TERMINATED);
    assertThat(plan.stop().get(1).desired()).isEqualTo(DesiredState.STOP);
    assertThat(plan.stop().get(1).phase()).isEqualTo(InstancePhase.RUNNING);
  }

  @Test
  void planningItsOwnOutcomeChangesNothing() {
    Workload w = workload(3, UpdateStrategy.DEFAULT);
    Plan first = planner.plan(w, List.of(), Fixtures.T0);
    Plan second = planner.plan(w, first.create(), Fixtures.T0);
    assertThat(second.isEmpty()).isTrue();
  }

  @Test
  void replacesLostAndFailedInstancesOfAService() {
    Workload w = workload(3, UpdateStrategy.DEFAULT);
    List<Instance> instances =
        List.of(
            running(w, true),
            ended(running(w, true), InstancePhase.LOST),
            ended(running(w, true), InstancePhase.FAILED));
    Plan plan = planner.plan(w, instances, Fixtures.T0);
    assertThat(plan.create()).hasSize(2);
  }

  @Test
  void aJobThatSucceededIsNotRunAgain() {
    Workload w =
        Workload.create(
            "job",
            Fixtures.spec(2).toBuilder().restartPolicy(RestartPolicy.ON_FAILURE).build(),
            Fixtures.T0);
    List<Instance> instances =
        List.of(ended(running(w, true), InstancePhase.SUCCEEDED), running(w, true));
    assertThat(planner.plan(w, instances, Fixtures.T0).isEmpty()).isTrue();
  }

  static Stream<Arguments> rollingSteps() {
    // replicas, maxSurge, maxUnavailable, new ready, old ready, stopping -> creates, stops
    return Stream.of(
        Arguments.of(3, 1, 0, 0, 3, 0, 1, 0),
        Arguments.of(3, 1, 0, 1, 3, 0, 0, 1),
        Arguments.of(3, 1, 0, 1, 2, 1, 0, 0),
        Arguments.of(3, 1, 0, 1, 2, 0, 1, 0),
        Arguments.of(3, 0, 1, 0, 3, 0, 0, 1),
        Arguments.of(3, 0, 1, 0, 2, 0, 1, 0),
        Arguments.of(4, 2, 1, 0, 4, 0, 2, 1),
        Arguments.of(3, 1, 0, 3, 1, 0, 0, 1),
        // The tail of a roll-out: every old instance asked to stop, some still stopping.
        Arguments.of(4, 1, 1, 3, 0, 2, 0, 0),
        Arguments.of(3, 1, 1, 2, 0, 1, 1, 0),
        // Surge to spare: the replica count, not maxSurge, limits the creates.
        Arguments.of(2, 2, 0, 1, 1, 0, 1, 0));
  }

  @ParameterizedTest(
      name = "replicas={0} surge={1} unavailable={2} new={3} old={4} stopping={5} -> +{6} -{7}")
  @MethodSource("rollingSteps")
  void rollingUpdateHonoursSurgeAndUnavailability(
      int replicas,
      int surge,
      int unavailable,
      int newReady,
      int oldReady,
      int stopping,
      int creates,
      int stops) {
    Workload v1 = workload(replicas, new UpdateStrategy(surge, unavailable));
    Workload v2 = v1.withSpec(v1.spec().toBuilder().image("127.0.0.1:5000/busybox:2").build());
    List<Instance> instances = new ArrayList<>();
    for (int i = 0; i < oldReady; i++) {
      instances.add(running(v1, true));
    }
    for (int i = 0; i < stopping; i++) {
      instances.add(running(v1, true).toBuilder().desired(DesiredState.STOP).build());
    }
    for (int i = 0; i < newReady; i++) {
      instances.add(running(v2, true));
    }
    Plan plan = planner.plan(v2, instances, Fixtures.T0);
    assertThat(plan.create()).as("creates").hasSize(creates);
    assertThat(plan.stop()).as("stops").hasSize(stops);
    long availableAfter = newReady + oldReady - plan.stop().size();
    assertThat(availableAfter).isGreaterThanOrEqualTo(replicas - unavailable);
    long heldAfter = newReady + oldReady + stopping + plan.create().size();
    assertThat(heldAfter).isLessThanOrEqualTo(replicas + surge);
  }

  @Test
  void replacementsStillStartingDoNotLetReadyOldInstancesGo() {
    Workload v1 = workload(4, new UpdateStrategy(1, 1));
    Workload v2 = v1.withSpec(v1.spec().toBuilder().image("127.0.0.1:5000/busybox:2").build());
    List<Instance> instances =
        List.of(
            running(v2, true), starting(v2), starting(v2), running(v1, true), running(v1, true));
    Plan plan = planner.plan(v2, instances, Fixtures.T0);
    // Ready now: 1 new + 2 old = 3 = replicas - maxUnavailable. Nothing may stop yet.
    assertThat(plan.stop()).isEmpty();
    assertThat(plan.create()).isEmpty();
  }

  @Test
  void outdatedInstancesThatAreNotReadyAreReplacedAtOnce() {
    Workload v1 = workload(2, new UpdateStrategy(1, 0));
    Workload v2 = v1.withSpec(v1.spec().toBuilder().image("127.0.0.1:5000/busybox:2").build());
    Instance crashing = running(v1, false);
    Instance fine = running(v1, true);
    Plan plan = planner.plan(v2, List.of(crashing, fine), Fixtures.T0);
    assertThat(plan.stop()).extracting(Instance::id).containsExactly(crashing.id());
  }

  @Test
  void instancesStoppingWithoutARollOutDoNotDelayTheirReplacements() {
    // Two current instances being restarted (asked to stop, not yet stopped), no spec change:
    // their replacements start at once, without waiting for them or for maxSurge (here 0).
    Workload w = workload(3, new UpdateStrategy(0, 1));
    List<Instance> instances =
        List.of(
            running(w, true),
            running(w, true).toBuilder().desired(DesiredState.STOP).build(),
            running(w, true).toBuilder().desired(DesiredState.STOP).build());
    Plan plan = planner.plan(w, instances, Fixtures.T0);
    assertThat(plan.create()).hasSize(2);
    assertThat(plan.stop()).isEmpty();
  }

  @Test
  void anOldInstanceStillStoppingKeepsTheRollOutWithinMaxSurge() {
    // The roll-out's last old instance was asked to stop but still holds its resources: one new
    // instance runs, so one more may start now under maxSurge 1, not two.
    Workload v1 = workload(3, new UpdateStrategy(1, 1));
    Workload v2 = v1.withSpec(v1.spec().toBuilder().image("127.0.0.1:5000/busybox:2").build());
    List<Instance> instances =
        List.of(
            running(v2, true),
            running(v1, true).toBuilder().desired(DesiredState.STOP).build(),
            running(v1, true).toBuilder().desired(DesiredState.STOP).build());
    Plan plan = planner.plan(v2, instances, Fixtures.T0);
    assertThat(plan.create()).hasSize(1);
  }

  @Test
  void scalingAloneReplacesNothing() {
    Workload v1 = workload(2, UpdateStrategy.DEFAULT);
    Workload v2 = v1.withSpec(v1.spec().withReplicas(3));
    assertThat(v2.generation()).isEqualTo(2);
    Plan plan = planner.plan(v2, List.of(running(v1, true), running(v1, true)), Fixtures.T0);
    assertThat(plan.create()).hasSize(1);
    assertThat(plan.stop()).isEmpty();
  }

  @Test
  void deletionStopsEverythingThenDeletesTheWorkload() {
    Workload w = workload(2, UpdateStrategy.DEFAULT).markedForDeletion(Fixtures.T0);
    Instance live = running(w, true);
    Instance ended = ended(running(w, true), InstancePhase.TERMINATED);
    Plan plan = planner.plan(w, List.of(live, ended), Fixtures.T0);
    assertThat(plan.stop()).extracting(Instance::id).containsExactly(live.id());
    assertThat(plan.delete()).extracting(Instance::id).containsExactly(ended.id());
    assertThat(plan.deleteWorkload()).isFalse();
    assertThat(planner.plan(w, List.of(), Fixtures.T0).deleteWorkload()).isTrue();
  }

  @Test
  void keepsOnlyTheNewestEndedInstances() {
    Workload w = workload(1, UpdateStrategy.DEFAULT);
    List<Instance> instances = new ArrayList<>();
    instances.add(running(w, true));
    for (int i = 0; i < WorkloadPlanner.KEPT_TERMINAL + 3; i++) {
      instances.add(
          ended(running(w, true), InstancePhase.FAILED).toBuilder()
              .finishedAt(Fixtures.T0.plusSeconds(i))
              .build());
    }
    Plan plan = planner.plan(w, instances, Fixtures.T0);
    assertThat(plan.delete()).hasSize(3);
    assertThat(plan.delete()).allMatch(i -> i.finishedAt().isBefore(Fixtures.T0.plusSeconds(3)));
  }

  @Test
  void scaleDownStopsPendingThenPlacedButNotRunningThenNotReadyThenTheNewestReady() {
    Workload w = workload(1, UpdateStrategy.DEFAULT);
    Instance oldestReady = running(w, true);
    Instance notReady = running(w, false);
    Instance placed = starting(w);
    Instance newestReady = running(w, true);
    Instance waiting = pending(w);
    List<Instance> all = List.of(oldestReady, notReady, placed, newestReady, waiting);

    Plan plan = planner.plan(w, all, Fixtures.T0);

    assertThat(plan.stop())
        .extracting(Instance::id)
        .containsExactly(waiting.id(), placed.id(), notReady.id(), newestReady.id());
    assertThat(plan.summary()).isEqualTo("stopping 4");
    assertThat(plan.stop()).allMatch(i -> i.reason().equals("ScaledDown"));
    assertThat(plan.stop().get(1).message()).isEqualTo("scaled down to 1 replica");
  }

  @Test
  void whatCountsAsDoneDependsOnTheRestartPolicy() {
    for (RestartPolicy policy : RestartPolicy.values()) {
      Workload w =
          Workload.create(
              "job", Fixtures.spec(1).toBuilder().restartPolicy(policy).build(), Fixtures.T0);
      Plan afterSuccess =
          planner.plan(w, List.of(ended(running(w, true), InstancePhase.SUCCEEDED)), Fixtures.T0);
      Plan afterFailure =
          planner.plan(w, List.of(ended(running(w, true), InstancePhase.FAILED)), Fixtures.T0);
      assertThat(afterSuccess.create())
          .as("replacements after a success under %s", policy)
          .hasSize(policy == RestartPolicy.ALWAYS ? 1 : 0);
      assertThat(afterFailure.create())
          .as("replacements after a failure under %s", policy)
          .hasSize(policy == RestartPolicy.NEVER ? 0 : 1);
    }
  }

  @Test
  void exactlyTheKeptNumberOfEndedInstancesIsNotCollectedAndTheOldestByEndGoesFirst() {
    Workload w = workload(0, UpdateStrategy.DEFAULT);
    List<Instance> ended = new ArrayList<>();
    for (int i = 0; i < WorkloadPlanner.KEPT_TERMINAL; i++) {
      ended.add(
          ended(running(w, true), InstancePhase.FAILED).toBuilder()
              .finishedAt(Fixtures.T0.plusSeconds(100 - i))
              .build());
    }
    assertThat(planner.plan(w, ended, Fixtures.T0).isEmpty()).isTrue();

    // One more, ended before all the others although created after them.
    Instance endedFirst =
        ended(running(w, true), InstancePhase.FAILED).toBuilder()
            .finishedAt(Fixtures.T0.plusSeconds(1))
            .build();
    List<Instance> more = new ArrayList<>(ended);
    more.add(endedFirst);
    Plan plan = planner.plan(w, more, Fixtures.T0);
    assertThat(plan.delete()).containsExactly(endedFirst);
    assertThat(plan.summary()).isEqualTo("removed 1 ended");
  }

  @Test
  void theSummarySaysWhatThePlanDoesAndWhenARollOutIsUnderWay() {
    Workload w = workload(2, UpdateStrategy.DEFAULT);
    assertThat(planner.plan(w, List.of(), Fixtures.T0).summary()).isEqualTo("created 2");

    Workload changed = w.withSpec(w.spec().toBuilder().command("sleep", "1").build());
    Instance old = running(w, false);
    Plan rolling = planner.plan(changed, List.of(old, running(changed, true)), Fixtures.T0);
    assertThat(rolling.summary()).isEqualTo("created 1, stopping 1 (rolling update)");
    assertThat(rolling.stop()).singleElement().extracting(Instance::reason).isEqualTo("Outdated");
  }

  @Test
  void aDeletedWorkloadsInstanceThatWasAskedToStopIsLeftToItsNodeUnlessItHasNone() {
    Workload w = workload(2, UpdateStrategy.DEFAULT).markedForDeletion(Fixtures.T0);
    Instance stoppingOnNode = running(w, true).toBuilder().desired(DesiredState.STOP).build();
    Instance stoppingUnplaced = pending(w).toBuilder().desired(DesiredState.STOP).build();

    Plan plan = planner.plan(w, List.of(stoppingOnNode, stoppingUnplaced), Fixtures.T0);

    assertThat(plan.stop())
        .singleElement()
        .extracting(Instance::id)
        .isEqualTo(stoppingUnplaced.id());
    assertThat(plan.stop().get(0).phase()).isEqualTo(InstancePhase.TERMINATED);
    assertThat(plan.stop().get(0).message()).isEqualTo("workload deleted");
    assertThat(plan.summary()).isEqualTo("stopping 1");
  }

  @Test
  void aJobInstanceThatSucceededAfterItWasAskedToStopIsNotFinishedWork() {
    Workload w =
        Workload.create(
            "job",
            Fixtures.spec(1).toBuilder().restartPolicy(RestartPolicy.ON_FAILURE).build(),
            Fixtures.T0);
    Instance stoppedThenSucceeded =
        ended(
            running(w, true).toBuilder().desired(DesiredState.STOP).build(),
            InstancePhase.SUCCEEDED);
    Plan plan = planner.plan(w, List.of(stoppedThenSucceeded), Fixtures.T0);
    assertThat(plan.create()).hasSize(1);
    assertThat(
            planner
                .plan(w, List.of(ended(running(w, true), InstancePhase.SUCCEEDED)), Fixtures.T0)
                .create())
        .isEmpty();
  }

  @Test
  void anOutdatedInstanceThatNeverReachedANodeHoldsNothingSoItsReplacementStartsAtOnce() {
    // maxSurge 0: a replacement may start only when nothing else holds resources.
    Workload v1 = workload(1, new UpdateStrategy(0, 1));
    Workload v2 = v1.withSpec(v1.spec().toBuilder().image("127.0.0.1:5000/busybox:2").build());
    Instance unplaced = pending(v1);
    Plan plan = planner.plan(v2, List.of(unplaced), Fixtures.T0);
    assertThat(plan.stop())
        .singleElement()
        .extracting(Instance::phase)
        .isEqualTo(InstancePhase.TERMINATED);
    assertThat(plan.create()).hasSize(1);

    // One placed and still starting holds its node until it has stopped: no replacement yet.
    Instance starting = starting(v1);
    Plan held = planner.plan(v2, List.of(starting), Fixtures.T0);
    assertThat(held.stop()).singleElement().extracting(Instance::id).isEqualTo(starting.id());
    assertThat(held.create()).isEmpty();
  }

  @Test
  void aRollOutStopsTheOldestReadyOutdatedInstancesFirst() {
    Workload v1 = workload(3, new UpdateStrategy(0, 2));
    Workload v2 = v1.withSpec(v1.spec().toBuilder().image("127.0.0.1:5000/busybox:2").build());
    Instance oldest = running(v1, true); // made in this order, a second apart
    Instance middle = running(v1, true);
    Instance newest = running(v1, true);
    Plan plan = planner.plan(v2, List.of(newest, oldest, middle), Fixtures.T0);
    assertThat(plan.stop()).extracting(Instance::id).containsExactly(oldest.id(), middle.id());
    assertThat(plan.create()).isEmpty();
  }

  @Test
  void aNewInstanceNeverTakesTheIdOfOneThatExists() {
    Workload w = workload(2, UpdateStrategy.DEFAULT);
    // The suffixes this planner's generator draws first, taken already.
    InstanceIds same = new InstanceIds(new Random(1));
    String firstDrawn = same.next("web", Set.of());
    Instance existing =
        Instance.pending(w, firstDrawn, Fixtures.T0).toBuilder()
            .node("n1")
            .transition(InstancePhase.RUNNING, "Started", "started")
            .ready(true)
            .build();
    Plan plan = planner.plan(w, List.of(existing), Fixtures.T0);
    assertThat(plan.create()).singleElement().extracting(Instance::id).isNotEqualTo(existing.id());
  }

  @Test
  void scaleDownStopsAPendingInstanceBeforeANewerOneThatWasPlaced() {
    Workload w = workload(1, UpdateStrategy.DEFAULT);
    Instance waiting = pending(w);
    created += 10;
    Instance placed = starting(w); // made 10 s later, but it holds a node already
    assertThat(placed.createdAt()).isAfter(waiting.createdAt());
    Plan plan = planner.plan(w, List.of(placed, waiting), Fixtures.T0);
    assertThat(plan.stop()).extracting(Instance::id).containsExactly(waiting.id());
  }

  private static Workload workload(int replicas, UpdateStrategy update) {
    WorkloadSpec spec = Fixtures.spec(replicas).toBuilder().update(update).build();
    return Workload.create("web", spec, Fixtures.T0);
  }

  private Instance pending(Workload w) {
    return Instance.pending(w, "p" + (created++), Fixtures.T0.plusSeconds(created));
  }

  private Instance running(Workload w, boolean ready) {
    Instant at = Fixtures.T0.plusSeconds(created);
    return Instance.pending(w, "r" + (created++), at).toBuilder()
        .node("n1")
        .transition(InstancePhase.RUNNING, "Started", "started")
        .ready(ready)
        .startedAt(at)
        .revision(created)
        .build();
  }

  private Instance starting(Workload w) {
    return running(w, false).toBuilder().transition(InstancePhase.STARTING, "Starting", "").build();
  }

  private static Instance ended(Instance i, InstancePhase phase) {
    return i.toBuilder().transition(phase, "Ended", "ended").ready(false).build();
  }
}

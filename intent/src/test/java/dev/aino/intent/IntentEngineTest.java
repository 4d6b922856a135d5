package dev.aino.intent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aino.api.OrchestratorService;
import dev.aino.api.PageRequest;
import dev.aino.api.impl.CoreOrchestratorService;
import dev.aino.model.Node;
import dev.aino.model.Resources;
import dev.aino.model.WorkloadSpec;
import dev.aino.scheduler.Scheduler;
import dev.aino.scheduler.SchedulerConfig;
import dev.aino.store.StoreOptions;
import dev.aino.store.memory.InMemoryStateStore;
import java.time.Clock;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The engine end to end over a real facade on an in-memory store: plan, apply, multi-turn. */
class IntentEngineTest {
  /** One reader for all tests: loading the model once keeps the class fast. */
  private static OfflineIntentReader reader;

  private InMemoryStateStore store;
  private OrchestratorService service;
  private IntentEngine engine;

  @BeforeAll
  static void loadModel() {
    reader = new OfflineIntentReader();
    reader.warmUp();
  }

  @BeforeEach
  void cluster() {
    store = new InMemoryStateStore(StoreOptions.defaults());
    store.create(Node.of("node-1", Resources.of(4000, 8192)));
    store.create(Node.of("node-2", Resources.of(4000, 8192)));
    service =
        new CoreOrchestratorService(
            store, new Scheduler(SchedulerConfig.defaults()), Clock.systemUTC());
    engine = new IntentEngine(service, null, reader);
  }

  private IntentResult say(String text, String conversation, boolean dryRun, boolean confirm) {
    return engine.handle(new IntentRequest(text, conversation, dryRun, confirm));
  }

  @Test
  void plansADeployWithTheCompleteSpecThenAppliesItOnYes() {
    IntentResult plan =
        say("run 3 copies of nginx:1.27 called web with 256 MiB each", null, true, false);
    assertThat(plan.outcome()).isEqualTo(IntentOutcome.PLANNED);
    assertThat(plan.action()).isEqualTo(IntentAction.DEPLOY);
    assertThat(plan.workload()).isEqualTo("web");
    assertThat(plan.spec().image()).isEqualTo("nginx:1.27");
    assertThat(plan.spec().replicas()).isEqualTo(3);
    assertThat(plan.spec().resources().memoryMiB()).isEqualTo(256);
    assertThat(plan.plan().action()).isEqualTo(dev.aino.api.ApplyOutcome.CREATED);
    assertThat(service.workloads(PageRequest.first(100)).items())
        .as("a plan changes nothing")
        .isEmpty();

    IntentResult applied = say("yes", plan.conversation(), false, false);
    assertThat(applied.outcome()).isEqualTo(IntentOutcome.APPLIED);
    assertThat(service.workload("web").workload().spec()).isEqualTo(plan.spec());
  }

  @Test
  void itRefersToTheWorkloadTheConversationLastTouched() {
    service.apply("web", WorkloadSpec.builder("nginx:1.27").replicas(2).build());
    service.apply("api", WorkloadSpec.builder("nginx:1.27").replicas(1).build());
    String c = say("how is web doing", null, true, false).conversation();
    IntentResult scaled = say("scale it to 5", c, false, false);
    assertThat(scaled.outcome()).isEqualTo(IntentOutcome.APPLIED);
    assertThat(scaled.workload()).isEqualTo("web");
    assertThat(scaled.spec().replicas()).isEqualTo(5);
    assertThat(service.workload("web").workload().spec().replicas()).isEqualTo(5);
    assertThat(service.workload("api").workload().spec().replicas()).isEqualTo(1);
  }

  @Test
  void asksOneQuestionAtATimeAndTheNextMessageFillsTheGap() {
    service.apply("web", WorkloadSpec.builder("nginx:1.27").replicas(2).build());
    service.apply("api", WorkloadSpec.builder("nginx:1.27").replicas(1).build());
    IntentResult which = say("scale up please", null, false, false);
    assertThat(which.outcome()).isEqualTo(IntentOutcome.NEEDS_INPUT);
    assertThat(which.missing()).containsExactly("workload");
    assertThat(which.question()).contains("Which workload should I scale?").contains("web", "api");

    IntentResult howMany = say("api", which.conversation(), false, false);
    assertThat(howMany.outcome()).isEqualTo(IntentOutcome.NEEDS_INPUT);
    assertThat(howMany.missing()).containsExactly("replicas");
    assertThat(howMany.question()).contains("api").contains("1 now");

    IntentResult done = say("4", which.conversation(), false, false);
    assertThat(done.outcome()).isEqualTo(IntentOutcome.APPLIED);
    assertThat(done.spec().replicas()).isEqualTo(4);
    assertThat(service.workload("api").workload().spec().replicas()).isEqualTo(4);
  }

  @Test
  void deleteNeedsAYesOrTheConfirmFlag() {
    service.apply("web", WorkloadSpec.builder("nginx:1.27").build());
    service.apply("db", WorkloadSpec.builder("postgres:16").build());
    IntentResult asked = say("delete web", null, false, false);
    assertThat(asked.outcome()).isEqualTo(IntentOutcome.NEEDS_INPUT);
    assertThat(asked.missing()).containsExactly("confirm");
    assertThat(service.workload("web").workload().isDeleting()).isFalse();

    IntentResult deleted = say("yes", asked.conversation(), false, false);
    assertThat(deleted.outcome()).isEqualTo(IntentOutcome.APPLIED);
    assertThat(deleted.action()).isEqualTo(IntentAction.DELETE);

    IntentResult withFlag = say("remove db", null, false, true);
    assertThat(withFlag.outcome()).isEqualTo(IntentOutcome.APPLIED);
  }

  @Test
  void scalingToZeroIsDestructiveAndNoCancelsIt() {
    service.apply("web", WorkloadSpec.builder("nginx:1.27").replicas(3).build());
    IntentResult asked = say("scale web to 0", null, false, false);
    assertThat(asked.outcome()).isEqualTo(IntentOutcome.NEEDS_INPUT);
    assertThat(asked.missing()).containsExactly("confirm");
    assertThat(say("no", asked.conversation(), false, false).outcome())
        .isEqualTo(IntentOutcome.ANSWERED);
    assertThat(say("yes", asked.conversation(), false, false).outcome())
        .as("nothing waits for a yes after a no")
        .isEqualTo(IntentOutcome.NEEDS_INPUT);
    assertThat(service.workload("web").workload().spec().replicas()).isEqualTo(3);
  }

  @Test
  void sweepingDeletesAreNeverPlanned() {
    service.apply("web", WorkloadSpec.builder("nginx:1.27").build());
    IntentResult r = say("delete everything", null, false, true);
    assertThat(r.outcome()).isEqualTo(IntentOutcome.REJECTED);
    assertThat(r.field()).isEqualTo("workload");
    assertThat(r.reason()).contains("not planned as one step");
    assertThat(service.workload("web").workload().isDeleting()).isFalse();
  }

  @Test
  void rejectsInvalidNamesCountsAndCommandsThatNeedAShellNamingTheField() {
    service.apply("web", WorkloadSpec.builder("nginx:1.27").build());
    IntentResult badName = say("deploy nginx:1.27 called Web_1", null, true, false);
    assertThat(badName.outcome()).isEqualTo(IntentOutcome.REJECTED);
    assertThat(badName.field()).isEqualTo("workload");

    IntentResult tooMany = say("scale web to 20000", null, true, false);
    assertThat(tooMany.outcome()).isEqualTo(IntentOutcome.REJECTED);
    assertThat(tooMany.field()).isEqualTo("replicas");
    assertThat(tooMany.reason()).contains("10000");

    IntentResult shell =
        say("run busybox:1.36 with \"echo hi; rm -rf /\" called sneaky", null, false, false);
    assertThat(shell.outcome()).isEqualTo(IntentOutcome.REJECTED);
    assertThat(shell.field()).isEqualTo("command");
    assertThat(service.workloads(PageRequest.first(100)).items()).hasSize(1);

    IntentResult unknown = say("restart ghost", null, false, false);
    assertThat(unknown.outcome()).isEqualTo(IntentOutcome.REJECTED);
    assertThat(unknown.field()).isEqualTo("workload");
  }

  @Test
  void updatesKeepEverythingElseOfTheSpec() {
    service.apply(
        "web",
        WorkloadSpec.builder("nginx:1.27").replicas(4).env(java.util.Map.of("A", "1")).build());
    IntentResult r = say("give web 1 GiB of memory", null, false, false);
    assertThat(r.outcome()).isEqualTo(IntentOutcome.APPLIED);
    assertThat(r.action()).isEqualTo(IntentAction.UPDATE);
    WorkloadSpec spec = service.workload("web").workload().spec();
    assertThat(spec.resources().memoryMiB()).isEqualTo(1024);
    assertThat(spec.replicas()).isEqualTo(4);
    assertThat(spec.env()).containsEntry("A", "1");
    assertThat(r.spec()).isEqualTo(spec);
  }

  @Test
  void autoscalesWithinBoundsAndTurnsItOff() {
    service.apply("web", WorkloadSpec.builder("nginx:1.27").replicas(1).build());
    IntentResult on = say("keep web between 2 and 10 replicas at 60% CPU", null, false, false);
    assertThat(on.outcome()).isEqualTo(IntentOutcome.APPLIED);
    assertThat(on.spec().autoscale().minReplicas()).isEqualTo(2);
    assertThat(on.spec().autoscale().maxReplicas()).isEqualTo(10);
    assertThat(on.spec().autoscale().targetCpuPercent()).isEqualTo(60);
    assertThat(on.spec().replicas()).as("raised into the bounds").isEqualTo(2);
    IntentResult off = say("stop autoscaling it", on.conversation(), false, false);
    assertThat(off.outcome()).isEqualTo(IntentOutcome.APPLIED);
    assertThat(service.workload("web").workload().spec().autoscale()).isNull();
  }

  @Test
  void autoscalesOnMemoryAndOnBothTargets() {
    service.apply("cache", WorkloadSpec.builder("redis:7").replicas(3).build());
    IntentResult memory =
        say("autoscale cache between 2 and 6 replicas at 70% memory", null, false, false);
    assertThat(memory.outcome()).as(memory.summary()).isEqualTo(IntentOutcome.APPLIED);
    assertThat(memory.spec().autoscale().targetMemoryPercent()).isEqualTo(70);
    assertThat(memory.spec().autoscale().targetCpuPercent()).isNull();
    assertThat(service.workload("cache").workload().spec().autoscale())
        .isEqualTo(memory.spec().autoscale());

    IntentResult bounds = say("make it scale between 3 and 8", memory.conversation(), false, false);
    assertThat(bounds.outcome()).as(bounds.summary()).isEqualTo(IntentOutcome.APPLIED);
    assertThat(bounds.spec().autoscale().targetMemoryPercent())
        .as("the memory target is kept when only the bounds change")
        .isEqualTo(70);
    assertThat(bounds.spec().autoscale().maxReplicas()).isEqualTo(8);
  }

  @Test
  void cordonsAndDrainsNodesDrainOnlyWithAYes() {
    IntentResult cordon = say("cordon node-1", null, false, false);
    assertThat(cordon.outcome()).isEqualTo(IntentOutcome.APPLIED);
    assertThat(cordon.node()).isEqualTo("node-1");
    assertThat(service.node("node-1").node().schedulable()).isFalse();
    IntentResult drain = say("drain node-2", null, false, false);
    assertThat(drain.outcome()).isEqualTo(IntentOutcome.NEEDS_INPUT);
    assertThat(service.node("node-2").node().schedulable()).isTrue();
    assertThat(say("yes", drain.conversation(), false, false).outcome())
        .isEqualTo(IntentOutcome.APPLIED);
    assertThat(service.node("node-2").node().schedulable()).isFalse();
  }

  @Test
  void answersQuestionsWithoutChangingAnything() {
    service.apply("web", WorkloadSpec.builder("nginx:1.27").replicas(2).build());
    IntentResult status = say("is web healthy?", null, false, false);
    assertThat(status.outcome()).isEqualTo(IntentOutcome.ANSWERED);
    assertThat(status.answer()).contains("web").contains("nginx:1.27");
    IntentResult list = say("what workloads are there", null, false, false);
    assertThat(list.outcome()).isEqualTo(IntentOutcome.ANSWERED);
    assertThat(list.answer()).contains("web");
    IntentResult cluster = say("how much capacity is free in the cluster", null, false, false);
    assertThat(cluster.outcome()).isEqualTo(IntentOutcome.ANSWERED);
    assertThat(cluster.answer()).contains("node-1", "node-2");
  }
}

package dev.aino.intent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aino.api.OrchestratorService;
import dev.aino.api.impl.CoreOrchestratorService;
import dev.aino.model.Node;
import dev.aino.model.Resources;
import dev.aino.model.WorkloadSpec;
import dev.aino.scheduler.Scheduler;
import dev.aino.scheduler.SchedulerConfig;
import dev.aino.store.StoreOptions;
import dev.aino.store.memory.InMemoryStateStore;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two agents plan from one state: the first to confirm applies, the second is refused with what
 * changed and the generation now, nothing changed, and its re-plan applies.
 */
class StalePlanTest {
  private static OfflineIntentReader reader;

  private OrchestratorService service;
  private IntentEngine engine;

  @BeforeAll
  static void loadModel() {
    reader = new OfflineIntentReader();
    reader.warmUp();
  }

  @BeforeEach
  void cluster() {
    InMemoryStateStore store = new InMemoryStateStore(StoreOptions.defaults());
    store.create(Node.of("node-1", Resources.of(8000, 16384)));
    service =
        new CoreOrchestratorService(
            store, new Scheduler(SchedulerConfig.defaults()), Clock.systemUTC());
    engine = new IntentEngine(service, null, reader);
    service.apply("web", WorkloadSpec.builder("nginx:1.27").replicas(3).build());
  }

  private IntentResult plan(String text) {
    return engine.handle(IntentRequest.plan(text));
  }

  private IntentResult yes(IntentResult plan) {
    return engine.handle(new IntentRequest("yes", plan.conversation(), false, true));
  }

  private long generation() {
    return service.workload("web").workload().generation();
  }

  @Test
  void theSecondOfTwoPlansFromOneGenerationIsRefusedWithWhatChangedAndSucceedsOnceReplanned() {
    long n = generation();
    IntentResult first = plan("scale web to 5");
    IntentResult second = plan("scale web to 4");
    assertThat(first.outcome()).isEqualTo(IntentOutcome.PLANNED);
    assertThat(first.generation()).isEqualTo(n);
    assertThat(second.generation()).isEqualTo(n);

    IntentResult won = yes(first);
    assertThat(won.outcome()).isEqualTo(IntentOutcome.APPLIED);
    assertThat(won.generation()).isEqualTo(n + 1);

    IntentResult lost = yes(second);
    assertThat(lost.outcome()).isEqualTo(IntentOutcome.REJECTED);
    assertThat(lost.field()).isEqualTo("generation");
    assertThat(lost.generation()).isEqualTo(n + 1);
    assertThat(lost.reason())
        .startsWith("web moved from 3 to 5 replicas (generation " + n + ", now " + (n + 1) + ")")
        .contains("since this plan; nothing was changed: re-plan?");
    assertThat(service.workload("web").workload().spec().replicas()).isEqualTo(5);
    assertThat(generation()).isEqualTo(n + 1);

    IntentResult replanned = plan("scale web to 4");
    assertThat(replanned.generation()).isEqualTo(n + 1);
    assertThat(yes(replanned).outcome()).isEqualTo(IntentOutcome.APPLIED);
    assertThat(service.workload("web").workload().spec().replicas()).isEqualTo(4);
  }

  @Test
  void aRelativePlanIsNotRecomputedOnANewerStateWhenConfirmed() {
    IntentResult plan = plan("add 2 replicas to web");
    assertThat(plan.spec().replicas()).isEqualTo(5);
    service.scale("web", 6);

    IntentResult refused = yes(plan);

    assertThat(refused.outcome()).isEqualTo(IntentOutcome.REJECTED);
    assertThat(refused.reason()).startsWith("web moved from 3 to 6 replicas");
    assertThat(service.workload("web").workload().spec().replicas()).isEqualTo(6);
  }

  @Test
  void aConfirmedDeleteOfAWorkloadThatChangedIsRefusedAndNothingIsDeleted() {
    IntentResult question = engine.handle(new IntentRequest("delete web", null, false, false));
    assertThat(question.outcome()).isEqualTo(IntentOutcome.NEEDS_INPUT);
    assertThat(question.missing()).containsExactly("confirm");
    service.apply("web", WorkloadSpec.builder("nginx:1.28").replicas(3).build());

    IntentResult refused = yes(question);

    assertThat(refused.outcome()).isEqualTo(IntentOutcome.REJECTED);
    assertThat(refused.reason()).startsWith("web changed image from nginx:1.27 to nginx:1.28");
    assertThat(service.workload("web").workload().isDeleting()).isFalse();
  }

  @Test
  void aPlanWhoseWorkloadWasDeletedOrCreatedSinceIsRefused() {
    IntentResult scale = plan("scale web to 5");
    IntentResult deploy = plan("run redis:7 called cache");
    service.delete("web");
    service.apply("cache", WorkloadSpec.builder("redis:6").build());

    IntentResult gone = yes(scale);
    IntentResult created = yes(deploy);

    assertThat(gone.outcome()).isEqualTo(IntentOutcome.REJECTED);
    assertThat(gone.reason()).startsWith("web was marked for deletion since this plan");
    assertThat(created.outcome()).isEqualTo(IntentOutcome.REJECTED);
    assertThat(created.reason()).startsWith("cache was created (1 x redis:6, generation 1)");
    assertThat(service.workload("cache").workload().spec().image()).isEqualTo("redis:6");
  }

  @Test
  void aChangeBetweenTheConfirmationsReadAndItsWriteIsRefusedByTheFacade() {
    IntentResult plan = plan("scale web to 5");
    // Another agent scales web after the confirmation read it and before it writes.
    AtomicBoolean raced = new AtomicBoolean();
    OrchestratorService racing =
        (OrchestratorService)
            Proxy.newProxyInstance(
                OrchestratorService.class.getClassLoader(),
                new Class<?>[] {OrchestratorService.class},
                (proxy, method, args) -> {
                  if (method.getName().equals("scale")
                      && args.length == 3
                      && raced.compareAndSet(false, true)) {
                    service.scale("web", 2);
                  }
                  try {
                    return method.invoke(service, args);
                  } catch (InvocationTargetException e) {
                    throw e.getCause();
                  }
                });

    IntentResult refused =
        engine.handle(new IntentRequest("yes", plan.conversation(), false, true), racing);

    assertThat(raced).isTrue();
    assertThat(refused.outcome()).isEqualTo(IntentOutcome.REJECTED);
    assertThat(refused.reason()).startsWith("web moved from 3 to 2 replicas");
    assertThat(service.workload("web").workload().spec().replicas()).isEqualTo(2);
  }
}

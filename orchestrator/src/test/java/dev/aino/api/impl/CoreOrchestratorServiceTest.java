package dev.aino.api.impl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aino.api.ApplyOutcome;
import dev.aino.api.ApplyResult;
import dev.aino.api.WorkloadStatus;
import dev.aino.model.WorkloadSpec;
import dev.aino.model.WorkloadState;
import dev.aino.scheduler.Scheduler;
import dev.aino.scheduler.SchedulerConfig;
import dev.aino.store.memory.InMemoryStateStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The facade's writes say what they did and return what they wrote. */
class CoreOrchestratorServiceTest {
  private final InMemoryStateStore store = new InMemoryStateStore();
  private final CoreOrchestratorService service =
      new CoreOrchestratorService(
          store, new Scheduler(SchedulerConfig.defaults()), Clock.systemUTC());

  @AfterEach
  void close() {
    store.close();
  }

  private static WorkloadSpec spec(int replicas) {
    return WorkloadSpec.builder("busybox").replicas(replicas).build();
  }

  @Test
  void applySaysCreatedConfiguredOrUnchangedWithTheWorkloadItWrote() {
    ApplyResult created = service.apply("web", spec(1));
    ApplyResult same = service.apply("web", spec(1));
    ApplyResult changed = service.apply("web", spec(3));

    assertThat(created.outcome()).isEqualTo(ApplyOutcome.CREATED);
    assertThat(created.workload().generation()).isEqualTo(1);
    assertThat(same.outcome()).isEqualTo(ApplyOutcome.UNCHANGED);
    assertThat(same.workload().generation()).isEqualTo(1);
    assertThat(changed.outcome()).isEqualTo(ApplyOutcome.CONFIGURED);
    assertThat(changed.workload().generation()).isEqualTo(2);
    assertThat(changed.status().desired()).isEqualTo(3);
    assertThat(changed.workload()).isEqualTo(store.workload("web").orElseThrow());
  }

  @Test
  void concurrentAppliesOfOneNameCreateOnceAndEachReturnsItsOwnSpec() throws Exception {
    int callers = 20;
    ExecutorService pool = Executors.newFixedThreadPool(callers);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<ApplyResult>> results = new ArrayList<>();
    try {
      for (int replicas = 0; replicas < callers; replicas++) {
        WorkloadSpec spec = spec(replicas);
        results.add(
            pool.submit(
                () -> {
                  start.await();
                  return service.apply("race", spec);
                }));
      }
      start.countDown();
      int created = 0;
      int configured = 0;
      for (int replicas = 0; replicas < callers; replicas++) {
        ApplyResult result = results.get(replicas).get(30, TimeUnit.SECONDS);
        assertThat(result.workload().spec().replicas()).isEqualTo(replicas);
        created += result.outcome() == ApplyOutcome.CREATED ? 1 : 0;
        configured += result.outcome() == ApplyOutcome.CONFIGURED ? 1 : 0;
      }
      assertThat(created).isEqualTo(1);
      assertThat(store.workload("race").orElseThrow().generation()).isEqualTo(1 + configured);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void scaleAndDeleteReturnTheWorkloadTheyWrote() {
    service.apply("web", spec(1));

    WorkloadStatus scaled = service.scale("web", 4);
    WorkloadStatus deleting = service.delete("web");

    assertThat(scaled.workload().spec().replicas()).isEqualTo(4);
    assertThat(scaled.desired()).isEqualTo(4);
    assertThat(deleting.workload().isDeleting()).isTrue();
    assertThat(deleting.state()).isEqualTo(WorkloadState.DELETING);
  }
}

package dev.aino.agent;

import static dev.aino.agent.AgentHarness.spec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aino.api.InstanceLogListener;
import dev.aino.api.InstanceLogs;
import dev.aino.api.OrchestratorService;
import dev.aino.api.impl.CoreOrchestratorService;
import dev.aino.error.AinoException;
import dev.aino.error.ErrorCode;
import dev.aino.error.FailedPreconditionException;
import dev.aino.model.Instance;
import dev.aino.model.InstancePhase;
import dev.aino.model.RestartPolicy;
import dev.aino.model.Workload;
import dev.aino.runtime.LogLine;
import dev.aino.runtime.LogQuery;
import dev.aino.runtime.LogStream;
import dev.aino.runtime.LogSubscription;
import dev.aino.runtime.simulated.SimulatedRuntime;
import dev.aino.scheduler.Scheduler;
import dev.aino.scheduler.SchedulerConfig;
import dev.aino.testing.Await;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The facade reads instances' output through the agent's {@link LocalLogSource}. */
class NodeAgentLogsTest {
  private AgentHarness h;

  @AfterEach
  void tearDown() {
    if (h != null) {
      h.close();
    }
  }

  private OrchestratorService service() {
    return new CoreOrchestratorService(
        h.store, new Scheduler(SchedulerConfig.defaults()), Clock.systemUTC(), h.agent.logSource());
  }

  @Test
  void readsTheLinesOfARunningInstanceWithStreamsAndItsContainer() {
    h = AgentHarness.start();
    Workload w = h.workload("talk", spec("sh", "-c", "echo a; echo b >&2; sleep 3600").build());
    Instance running = h.awaitPhase(h.schedule(w, "x1").id(), InstancePhase.RUNNING);

    InstanceLogs logs = service().logs(running.id(), LogQuery.all());

    assertThat(logs.node()).isEqualTo(AgentHarness.NODE);
    assertThat(logs.workload()).isEqualTo("talk");
    assertThat(logs.containerId()).isEqualTo(running.containerId());
    assertThat(logs.lines()).extracting(LogLine::text).containsExactly("a", "b");
    assertThat(logs.lines())
        .extracting(LogLine::stream)
        .containsExactly(LogStream.STDOUT, LogStream.STDERR);
    assertThat(service().logs(running.id(), LogQuery.tail(1)).truncated()).isTrue();
  }

  @Test
  void anInstanceInBackOffShowsWhatItsLastRunWrote() {
    SimulatedRuntime runtime = new SimulatedRuntime();
    h =
        AgentHarness.start(
            runtime,
            AgentHarness.fastConfig()
                .backoffInitial(Duration.ofMinutes(1))
                .backoffMax(Duration.ofMinutes(1))
                .build(),
            Clock.systemUTC());
    Workload w =
        h.workload(
            "crash",
            spec("sh", "-c", "echo config missing >&2; exit 1")
                .restartPolicy(RestartPolicy.ALWAYS)
                .build());
    Instance waiting =
        h.await(
            h.schedule(w, "x1").id(),
            "in back-off",
            i -> i.restartCount() == 1 && i.containerId() == null);

    InstanceLogs logs = service().logs(waiting.id(), LogQuery.all());

    assertThat(logs.lines()).extracting(LogLine::text).containsExactly("config missing");
    assertThat(logs.containerId()).isNotEmpty();
    assertThat(logs.restartCount()).isEqualTo(1);
  }

  @Test
  // Reads a stream that a broken follow would keep open: fail after a minute instead of hanging.
  @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void aFollowDeliversTheBacklogThenNewLinesOnceThenEnds() throws Exception {
    h = AgentHarness.start();
    Workload w =
        h.workload(
            "follow",
            spec("sh", "-c", "echo one; sleep 0.5; echo two; sleep 0.5; exit 0")
                .restartPolicy(RestartPolicy.NEVER)
                .build());
    Instance running = h.awaitPhase(h.schedule(w, "x1").id(), InstancePhase.RUNNING);
    List<String> lines = new CopyOnWriteArrayList<>();
    CountDownLatch ended = new CountDownLatch(1);
    List<AinoException> failures = new CopyOnWriteArrayList<>();

    try (LogSubscription ignored =
        service()
            .followLogs(
                running.id(),
                LogQuery.all(),
                new InstanceLogListener() {
                  @Override
                  public void line(LogLine line) {
                    lines.add(line.text());
                  }

                  @Override
                  public void ended(AinoException failure) {
                    if (failure != null) {
                      failures.add(failure);
                    }
                    ended.countDown();
                  }
                })) {
      assertThat(ended.await(Await.DEFAULT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
    }
    assertThat(lines).containsExactly("one", "two");
    assertThat(failures).isEmpty();
  }

  @Test
  void aFollowWithTailZeroDeliversOnlyNewLines() throws Exception {
    h = AgentHarness.start();
    Workload w =
        h.workload(
            "quiet",
            spec("sh", "-c", "echo old; echo older; sleep 2; echo new; exit 0")
                .restartPolicy(RestartPolicy.NEVER)
                .build());
    Instance running = h.awaitPhase(h.schedule(w, "x1").id(), InstancePhase.RUNNING);
    Await.until(
        "the history to be written",
        () -> service().logs(running.id(), LogQuery.all()).lines().size() == 2);
    List<String> lines = new CopyOnWriteArrayList<>();
    CountDownLatch ended = new CountDownLatch(1);

    try (LogSubscription ignored =
        service()
            .followLogs(
                running.id(),
                LogQuery.tail(0),
                new InstanceLogListener() {
                  @Override
                  public void line(LogLine line) {
                    lines.add(line.text());
                  }

                  @Override
                  public void ended(AinoException failure) {
                    ended.countDown();
                  }
                })) {
      assertThat(ended.await(Await.DEFAULT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
    }
    assertThat(lines).containsExactly("new");
  }

  @Test
  void unknownAndUnstartedInstancesAreExplained() {
    h = AgentHarness.start();
    assertThatThrownBy(() -> service().logs("ghost-abc", LogQuery.all()))
        .isInstanceOfSatisfying(
            AinoException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND))
        .hasMessageContaining("ghost-abc");

    Workload w = h.workload("later", spec("sleep", "3600").build());
    Instance pending =
        h.store.create(
            Instance.pending(w, "p1", java.time.Instant.now()).toBuilder()
                .reason("Unschedulable")
                .message("0/1 nodes fit: 1 insufficient memory")
                .build());
    assertThatThrownBy(() -> service().logs(pending.id(), LogQuery.all()))
        .isInstanceOf(FailedPreconditionException.class)
        .hasMessageContaining(pending.id())
        .hasMessageContaining("has not started yet (phase Pending: Unschedulable: 0/1 nodes fit");
  }

  @Test
  void advertiseRecordsTheAddressOnTheNode() {
    h = AgentHarness.start();
    h.agent.advertise("127.0.0.1:7171");
    assertThat(h.store.node(AgentHarness.NODE).orElseThrow().address()).isEqualTo("127.0.0.1:7171");
  }
}

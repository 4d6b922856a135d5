package dev.aino.agent;

import static dev.aino.agent.AgentHarness.spec;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aino.model.DesiredState;
import dev.aino.model.Event;
import dev.aino.model.EventType;
import dev.aino.model.Instance;
import dev.aino.model.InstancePhase;
import dev.aino.model.NetworkMode;
import dev.aino.model.PortBinding;
import dev.aino.model.PortSpec;
import dev.aino.model.Protocol;
import dev.aino.model.RestartPolicy;
import dev.aino.model.Workload;
import dev.aino.runtime.ContainerHandle;
import dev.aino.runtime.ContainerState;
import dev.aino.runtime.LogQuery;
import dev.aino.runtime.simulated.SimulatedRuntime;
import dev.aino.runtime.simulated.SimulationConfig;
import dev.aino.store.ObjectKind;
import dev.aino.store.StateStore;
import dev.aino.testing.Await;
import dev.aino.testing.Fixtures;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The agent runs instances through their life: start, exit, restart policy, stop, delete. */
class NodeAgentLifecycleTest {
  private AgentHarness h;

  @AfterEach
  void tearDown() {
    if (h != null) {
      h.close();
    }
  }

  @Test
  void aScheduledInstanceRunsInAContainer() {
    h = AgentHarness.start();
    Workload web = h.workload("web", spec("sleep", "3600").build());

    Instance scheduled = h.schedule(web, "a1");
    Instance running = h.awaitPhase(scheduled.id(), InstancePhase.RUNNING);

    assertThat(running.containerId()).isNotNull();
    assertThat(running.startedAt()).isNotNull();
    assertThat(running.reason()).isEqualTo("Started");
    assertThat(running.ready()).isTrue();
    assertThat(h.runtime.inspect(h.container(running)).state()).isEqualTo(ContainerState.RUNNING);
    assertThat(h.awaitEvent(running.id(), "Started").message()).contains(running.containerId());
    assertThat(h.events(running.id())).extracting(Event::reason).contains("Starting");
  }

  @Test
  void aOneShotTaskSucceedsAndItsLogsStayReadable() {
    h = AgentHarness.start();
    Workload job =
        h.workload(
            "job", spec("echo", "hello", "world").restartPolicy(RestartPolicy.NEVER).build());

    Instance done = h.awaitPhase(h.schedule(job, "a1").id(), InstancePhase.SUCCEEDED);

    assertThat(done.exitCode()).isZero();
    assertThat(done.reason()).isEqualTo("Completed");
    assertThat(done.restartCount()).isZero();
    assertThat(h.runtime.logs(h.container(done), LogQuery.all()).text()).isEqualTo("hello world\n");
  }

  @Test
  void anExitReachesTheAgentAsAnEventNotThroughThePoll() {
    // The poll comes once an hour here, the resync once a minute: only the runtime's exit event
    // can tell the agent within the wait (15 s).
    h =
        AgentHarness.start(
            new SimulatedRuntime(),
            AgentHarness.fastConfig().pollInterval(Duration.ofHours(1)).build(),
            Clock.systemUTC());
    Workload job =
        h.workload(
            "job",
            spec("sh", "-c", "sleep 0.5; exit 3").restartPolicy(RestartPolicy.NEVER).build());

    Instance failed = h.awaitPhase(h.schedule(job, "a1").id(), InstancePhase.FAILED);

    assertThat(failed.exitCode()).isEqualTo(3);
  }

  @Test
  void aCrashLoopRestartsWithGrowingBackOff() {
    h =
        AgentHarness.start(
            new SimulatedRuntime(),
            AgentHarness.fastConfig().backoffMax(Duration.ofMillis(80)).build(),
            Clock.systemUTC());
    Workload crashy = h.workload("crashy", spec("sh", "-c", "exit 3").build());
    List<Instance> history = h.history();

    Instance instance = h.schedule(crashy, "a1");
    Instance looping = h.await(instance.id(), "restarted 5 times", i -> i.restartCount() >= 5);

    assertThat(looping.exitCode()).isEqualTo(3);
    assertThat(looping.reason()).isEqualTo("CrashLoopBackOff");
    List<Instance> backOffs =
        Await.value(
            "five back-off writes in the watched history",
            () -> {
              List<Instance> found =
                  history.stream().filter(i -> "CrashLoopBackOff".equals(i.reason())).toList();
              return found.size() >= 5 ? found : null;
            });
    List<Long> delays = new ArrayList<>();
    for (Instance b : backOffs.subList(0, 5)) {
      Matcher m =
          Pattern.compile(
                  "back-off (\\d+)ms restarting failed container \\(exit code 3, restart (\\d+)\\)")
              .matcher(b.message());
      assertThat(m.matches()).as(b.message()).isTrue();
      assertThat(Integer.parseInt(m.group(2))).isEqualTo(b.restartCount());
      delays.add(Long.parseLong(m.group(1)));
    }
    assertThat(delays).containsExactly(20L, 40L, 80L, 80L, 80L);
    for (int n = 0; n + 1 < 5; n++) {
      Duration waited =
          Duration.between(backOffs.get(n).finishedAt(), backOffs.get(n + 1).startedAt());
      assertThat(waited).isGreaterThanOrEqualTo(Duration.ofMillis(delays.get(n)));
    }
    // The event is recorded after the instance write that the history above has seen.
    Event backOff = h.awaitEvent(instance.id(), "BackOff", 5);
    assertThat(backOff.type()).isEqualTo(EventType.WARNING);
  }

  @Test
  void onFailureDoesNotRestartAZeroExit() {
    h = AgentHarness.start();
    Workload job =
        h.workload(
            "job", spec("sh", "-c", "exit 0").restartPolicy(RestartPolicy.ON_FAILURE).build());

    Instance done = h.awaitPhase(h.schedule(job, "a1").id(), InstancePhase.SUCCEEDED);

    assertThat(done.restartCount()).isZero();
    assertThat(done.exitCode()).isZero();
  }

  @Test
  void onFailureRestartsANonZeroExit() {
    h = AgentHarness.start();
    Workload job = h.workload("job", spec("false").restartPolicy(RestartPolicy.ON_FAILURE).build());

    Instance retried = h.await(h.schedule(job, "a1").id(), "restarted", i -> i.restartCount() >= 2);

    assertThat(retried.exitCode()).isEqualTo(1);
    assertThat(retried.phase()).isEqualTo(InstancePhase.STARTING);
  }

  @Test
  void neverFailsANonZeroExitWithReasonError() {
    h = AgentHarness.start();
    Workload job =
        h.workload("job", spec("sh", "-c", "exit 3").restartPolicy(RestartPolicy.NEVER).build());

    Instance failed = h.awaitPhase(h.schedule(job, "a1").id(), InstancePhase.FAILED);

    assertThat(failed.reason()).isEqualTo("Error");
    assertThat(failed.exitCode()).isEqualTo(3);
    assertThat(failed.message()).contains("exit code 3").contains("NEVER");
    assertThat(h.awaitEvent(failed.id(), "Exited").type()).isEqualTo(EventType.WARNING);
  }

  @Test
  void desiredStopTerminatesTheInstanceAndDestroysItsContainer() {
    h = AgentHarness.start();
    Workload web = h.workload("web", spec("sleep", "3600").build());
    Instance running = h.awaitPhase(h.schedule(web, "a1").id(), InstancePhase.RUNNING);
    ContainerHandle container = h.container(running);

    h.store.update(running.toBuilder().desired(DesiredState.STOP).build());
    Instance stopped = h.awaitPhase(running.id(), InstancePhase.TERMINATED);

    assertThat(stopped.reason()).isEqualTo("Stopped");
    assertThat(stopped.exitCode()).isEqualTo(143);
    assertThat(h.runtime.inspect(container).state()).isEqualTo(ContainerState.NOT_FOUND);
    assertThat(h.runtime.list()).isEmpty();
    assertThat(h.awaitEvent(running.id(), "Stopped").message()).contains(container.containerId());
  }

  @Test
  void aStopWaitsTheWorkloadsGracePeriodNotTheAgentsDefault() {
    h =
        AgentHarness.start(
            new SimulatedRuntime(),
            AgentHarness.fastConfig().stopGrace(Duration.ofSeconds(60)).build(),
            Clock.systemUTC());
    Workload stubborn =
        h.workload(
            "stubborn",
            spec("sh", "-c", "trap '' TERM; sleep 3600").stopGracePeriodSeconds(1).build());
    Instance running = h.awaitPhase(h.schedule(stubborn, "a1").id(), InstancePhase.RUNNING);

    long started = System.nanoTime();
    h.store.update(running.toBuilder().desired(DesiredState.STOP).build());
    Instance stopped = h.awaitPhase(running.id(), InstancePhase.TERMINATED);

    // It ignored SIGTERM, so it was killed once its workload's second was up, not after 60 s.
    assertThat(stopped.exitCode()).isEqualTo(137);
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(15));
  }

  @Test
  void aDeletedInstanceHasItsContainerDestroyed() {
    h = AgentHarness.start();
    Workload web = h.workload("web", spec("sleep", "3600").build());
    Instance running = h.awaitPhase(h.schedule(web, "a1").id(), InstancePhase.RUNNING);

    h.store.delete(ObjectKind.INSTANCES, running.storeKey(), StateStore.ANY_REVISION);

    Await.until("the container to be destroyed", () -> h.runtime.list().isEmpty());
  }

  @Test
  void aCrashFromOutsideIsDetectedAndRestarted() {
    h = AgentHarness.start();
    Workload web = h.workload("web", spec("sleep", "3600").build());
    Instance running = h.awaitPhase(h.schedule(web, "a1").id(), InstancePhase.RUNNING);

    h.runtime.crash(running.containerId(), 2);
    Instance restarted =
        h.await(
            running.id(),
            "running again in a new container",
            i -> i.phase() == InstancePhase.RUNNING && i.restartCount() == 1);

    assertThat(restarted.containerId()).isNotEqualTo(running.containerId());
    assertThat(restarted.exitCode()).isEqualTo(2);
    assertThat(h.runtime.list())
        .singleElement()
        .extracting(ContainerHandle::containerId)
        .isEqualTo(restarted.containerId());
    assertThat(h.awaitEvent(running.id(), "Exited").message()).contains("exit code 2");
  }

  @Test
  void aBridgedInstanceShowsItsAddressOnlyWhileItsContainerRuns() {
    h = AgentHarness.start();
    Workload web =
        h.workload(
            "web",
            spec("sleep", "3600")
                .network(NetworkMode.BRIDGE)
                .ports(new PortSpec("http", 8080, null, Protocol.TCP))
                .build());
    List<PortBinding> ports = List.of(new PortBinding("http", 8080, 21000, Protocol.TCP));
    Instance running =
        h.awaitPhase(
            h.store
                .create(
                    AgentHarness.placed(web, "a1", AgentHarness.NODE).toBuilder()
                        .network(NetworkMode.BRIDGE)
                        .ports(ports)
                        .build())
                .id(),
            InstancePhase.RUNNING);
    assertThat(running.ip()).isNotNull();
    List<Instance> history = h.history();

    // A crash: while it backs off it has no container, so no address; the restart gets a new one.
    h.runtime.crash(running.containerId(), 2);
    Instance restarted =
        h.await(
            running.id(),
            "running again in a new container",
            i -> i.phase() == InstancePhase.RUNNING && i.restartCount() == 1);
    assertThat(history)
        .filteredOn(i -> i.phase() == InstancePhase.STARTING)
        .isNotEmpty()
        .allSatisfy(i -> assertThat(i.ip()).isNull());
    assertThat(restarted.ip()).isNotNull().isNotEqualTo(running.ip());
    assertThat(restarted.ports()).isEqualTo(ports);

    // A stop: the Terminated instance keeps its ports (its record) but shows no address.
    h.store.update(restarted.toBuilder().desired(DesiredState.STOP).build());
    Instance stopped = h.awaitPhase(running.id(), InstancePhase.TERMINATED);
    assertThat(stopped.ip()).isNull();
    assertThat(stopped.ports()).isEqualTo(ports);
  }

  @Test
  void anOomKillFailsTheInstanceWithReasonOomKilled() {
    h = AgentHarness.start();
    Workload web =
        h.workload("web", spec("sleep", "3600").restartPolicy(RestartPolicy.NEVER).build());
    Instance running = h.awaitPhase(h.schedule(web, "a1").id(), InstancePhase.RUNNING);

    h.runtime.oomKill(running.containerId());
    Instance failed = h.awaitPhase(running.id(), InstancePhase.FAILED);

    assertThat(failed.reason()).isEqualTo("OOMKilled");
    assertThat(failed.exitCode()).isEqualTo(137);
    assertThat(h.awaitEvent(running.id(), "OOMKilled").message()).contains("64 MiB");
  }

  @Test
  void anInstanceOfAMissingWorkloadFailsToStart() {
    h = AgentHarness.start();
    Workload ghost = Workload.create("ghost", spec("sleep", "1").build(), Fixtures.T0);

    Instance failed =
        h.awaitPhase(
            h.store.create(AgentHarness.placed(ghost, "a1", AgentHarness.NODE)).id(),
            InstancePhase.FAILED);

    assertThat(failed.reason()).isEqualTo("StartFailed");
    assertThat(failed.message()).contains("workload \"ghost\" not found");
  }

  @Test
  void aStartFailureFailsTheInstanceUnderRestartPolicyNever() {
    SimulatedRuntime runtime =
        new SimulatedRuntime(
            SimulationConfig.builder().failingImages(Set.of(AgentHarness.IMAGE)).build());
    h = AgentHarness.start(runtime, AgentHarness.fastConfig().build(), Clock.systemUTC());
    Workload web = h.workload("web", spec("sleep", "1").restartPolicy(RestartPolicy.NEVER).build());

    Instance failed = h.awaitPhase(h.schedule(web, "a1").id(), InstancePhase.FAILED);

    assertThat(failed.reason()).isEqualTo("ImagePullFailed");
    assertThat(failed.message()).contains("cannot be pulled").doesNotContain("null");
    assertThat(h.awaitEvent(failed.id(), "ImagePullFailed").type()).isEqualTo(EventType.WARNING);
  }

  @Test
  void aStartFailureIsRetriedWithBackOffUnderRestartPolicyAlways() {
    SimulatedRuntime runtime =
        new SimulatedRuntime(
            SimulationConfig.builder().failingImages(Set.of(AgentHarness.IMAGE)).build());
    h = AgentHarness.start(runtime, AgentHarness.fastConfig().build(), Clock.systemUTC());
    Workload web = h.workload("web", spec("sleep", "1").build());
    List<Instance> history = h.history();

    Instance waiting =
        h.await(
            h.schedule(web, "a1").id(),
            "a second failed pull",
            i -> "ImagePullBackOff".equals(i.reason()));

    assertThat(waiting.phase()).isEqualTo(InstancePhase.STARTING);
    assertThat(waiting.message())
        .matches(
            "back-off \\d+ms pulling the image again: ImagePullFailed: image .* cannot be pulled .*")
        .doesNotContain("null");
    assertThat(waiting.restartCount()).as("no container ever ran").isZero();
    assertThat(waiting.exitCode()).isNull();
    Instance first =
        Await.value(
            "the first failed pull in the watched history",
            () ->
                history.stream()
                    .filter(i -> "ErrImagePull".equals(i.reason()))
                    .findFirst()
                    .orElse(null));
    assertThat(first.message()).startsWith("back-off 20ms pulling the image again: ");
    assertThat(history).noneMatch(i -> "CrashLoopBackOff".equals(i.reason()));
    assertThat(h.awaitEvent(waiting.id(), "ImagePullFailed", 2).type())
        .isEqualTo(EventType.WARNING);
  }

  @Test
  void aLostInstanceHasItsStaleContainerStopped() {
    h = AgentHarness.start();
    Workload web = h.workload("web", spec("sleep", "3600").build());
    Instance running = h.awaitPhase(h.schedule(web, "a1").id(), InstancePhase.RUNNING);

    h.store.update(
        running.toBuilder().transition(InstancePhase.LOST, "NodeDown", "node a is down").build());

    Await.until("the stale container to be removed", () -> h.runtime.list().isEmpty());
    assertThat(h.store.instance(running.id()).orElseThrow().phase()).isEqualTo(InstancePhase.LOST);
  }

  @Test
  void instancesOfOtherNodesAreLeftAlone() {
    h = AgentHarness.start();
    Workload web = h.workload("web", spec("sleep", "3600").build());
    Instance elsewhere = h.store.create(AgentHarness.placed(web, "b1", "node-b"));
    Instance mine = h.awaitPhase(h.schedule(web, "a1").id(), InstancePhase.RUNNING);

    assertThat(h.store.instance(elsewhere.id()).orElseThrow().phase())
        .isEqualTo(InstancePhase.SCHEDULED);
    assertThat(h.runtime.list())
        .singleElement()
        .extracting(ContainerHandle::instanceId)
        .isEqualTo(mine.id());
  }
}

package dev.aino.agent;

import static dev.aino.agent.AgentHarness.spec;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aino.model.Instance;
import dev.aino.model.InstancePhase;
import dev.aino.model.Workload;
import dev.aino.model.WorkloadSpec;
import dev.aino.runtime.ContainerHandle;
import dev.aino.runtime.ContainerRuntime;
import dev.aino.runtime.ContainerSpec;
import dev.aino.runtime.ContainerStatus;
import dev.aino.runtime.ExitListener;
import dev.aino.runtime.LogChunk;
import dev.aino.runtime.LogLine;
import dev.aino.runtime.LogQuery;
import dev.aino.runtime.LogSubscription;
import dev.aino.runtime.ResourceUsage;
import dev.aino.runtime.simulated.SimulatedRuntime;
import dev.aino.testing.Await;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The agent starts at most {@link AgentConfig#parallelStarts} containers at once. */
class NodeAgentStartSlotsTest {
  private static final String SLOW_IMAGE = "127.0.0.1:5000/slow-to-pull:1";

  private final SimulatedRuntime simulated = new SimulatedRuntime();
  private final WatchedRuntime watched = new WatchedRuntime(simulated);
  private AgentHarness h;

  @AfterEach
  void tearDown() {
    watched.pullOfSlowImage.countDown();
    watched.startsMayFinish.countDown();
    if (h != null) {
      h.close();
    }
  }

  @Test
  void noMoreContainersStartAtOnceThanTheNodeHasSlotsFor() {
    watched.holdStarts = true;
    h = AgentHarness.start(simulated, watched, AgentHarness.fastConfig().parallelStarts(2).build());
    Workload web = h.workload("web", spec("sleep", "3600").replicas(6).build());

    List<Instance> scheduled = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      scheduled.add(h.schedule(web, "r" + i));
    }
    // Both slots taken by starts that do not finish, and the other four wait for one.
    Await.until("two starts under way", () -> watched.startsNow.get() == 2);
    // An instance says "starting" before its image is prepared and "waiting" only once it found
    // no free slot, so wait for the four to say so rather than for any of the two messages.
    Await.until(
        "four instances waiting for a start slot",
        () ->
            scheduled.stream()
                    .map(i -> h.store.instance(i.id()).orElseThrow().message())
                    .filter(m -> m != null && m.startsWith("waiting"))
                    .count()
                == 4);
    assertThat(watched.mostStartsAtOnce.get()).isEqualTo(2);

    watched.startsMayFinish.countDown();
    for (Instance instance : scheduled) {
      h.awaitPhase(instance.id(), InstancePhase.RUNNING);
    }
    assertThat(watched.startsSeen.get()).isEqualTo(6);
    assertThat(watched.mostStartsAtOnce.get()).as("never more than two at once").isEqualTo(2);
  }

  @Test
  void anImageBeingPulledHoldsNoSlot() throws InterruptedException {
    h = AgentHarness.start(simulated, watched, AgentHarness.fastConfig().parallelStarts(1).build());
    Workload slow =
        h.workload("slow", WorkloadSpec.builder(SLOW_IMAGE).command("sleep", "3600").build());
    Workload web = h.workload("web", spec("sleep", "3600").build());

    Instance pulling = h.schedule(slow, "s1");
    assertThat(watched.slowPullStarted.await(10, TimeUnit.SECONDS)).isTrue();
    Instance other = h.schedule(web, "w1");

    h.awaitPhase(other.id(), InstancePhase.RUNNING);
    assertThat(h.store.instance(pulling.id()).orElseThrow().phase())
        .isEqualTo(InstancePhase.STARTING);

    watched.pullOfSlowImage.countDown();
    h.awaitPhase(pulling.id(), InstancePhase.RUNNING);
  }

  @Test
  void aStartWaitingForASlotSaysWhatItWaitsFor() {
    watched.holdStarts = true;
    h = AgentHarness.start(simulated, watched, AgentHarness.fastConfig().parallelStarts(1).build());
    Workload web = h.workload("web", spec("sleep", "3600").replicas(2).build());

    Instance first = h.schedule(web, "a1");
    Await.until("the first start to be under way", () -> watched.startsNow.get() == 1);
    Instance second = h.schedule(web, "a2");

    Instance waiting =
        h.await(
            second.id(),
            "waiting for a start slot",
            i -> i.message() != null && i.message().startsWith("waiting"));
    assertThat(waiting.phase()).isEqualTo(InstancePhase.STARTING);
    assertThat(waiting.message())
        .isEqualTo(
            "waiting to start a container from image "
                + AgentHarness.IMAGE
                + ": this node starts at most 1 at once (--parallel-starts) and all are taken");
    assertThat(h.store.instance(first.id()).orElseThrow().message()).startsWith("starting");

    watched.startsMayFinish.countDown();
    h.awaitPhase(first.id(), InstancePhase.RUNNING);
    assertThat(h.awaitPhase(second.id(), InstancePhase.RUNNING).message()).endsWith("is running");
  }

  /**
   * The simulated runtime, with each start counted (and, while {@link #holdStarts}, taking until
   * the test lets it finish), and the pull of {@link #SLOW_IMAGE} waiting until the test lets it
   * finish.
   */
  private static final class WatchedRuntime implements ContainerRuntime {
    final AtomicInteger startsSeen = new AtomicInteger();
    final AtomicInteger mostStartsAtOnce = new AtomicInteger();
    final CountDownLatch slowPullStarted = new CountDownLatch(1);
    final CountDownLatch pullOfSlowImage = new CountDownLatch(1);
    final CountDownLatch startsMayFinish = new CountDownLatch(1);
    final AtomicInteger startsNow = new AtomicInteger();
    volatile boolean holdStarts;
    private final SimulatedRuntime delegate;

    WatchedRuntime(SimulatedRuntime delegate) {
      this.delegate = delegate;
    }

    @Override
    public void prepare(ContainerSpec spec) {
      if (spec.image().toString().equals(SLOW_IMAGE)) {
        slowPullStarted.countDown();
        try {
          pullOfSlowImage.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      delegate.prepare(spec);
    }

    @Override
    public ContainerHandle start(ContainerSpec spec) {
      int now = startsNow.incrementAndGet();
      mostStartsAtOnce.accumulateAndGet(now, Math::max);
      try {
        if (holdStarts) {
          startsMayFinish.await();
        }
        startsSeen.incrementAndGet();
        return delegate.start(spec);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      } finally {
        startsNow.decrementAndGet();
      }
    }

    @Override
    public dev.aino.model.RuntimeInfo fingerprint() {
      return delegate.fingerprint();
    }

    @Override
    public ContainerStatus inspect(ContainerHandle handle) {
      return delegate.inspect(handle);
    }

    @Override
    public void onExit(ContainerHandle handle, ExitListener listener) {
      delegate.onExit(handle, listener);
    }

    @Override
    public void stop(ContainerHandle handle, Duration grace) {
      delegate.stop(handle, grace);
    }

    @Override
    public void destroy(ContainerHandle handle) {
      delegate.destroy(handle);
    }

    @Override
    public ResourceUsage stats(ContainerHandle handle) {
      return delegate.stats(handle);
    }

    @Override
    public LogChunk logs(ContainerHandle handle, LogQuery query) {
      return delegate.logs(handle, query);
    }

    @Override
    public LogSubscription followLogs(
        ContainerHandle handle, Instant since, Consumer<LogLine> consumer) {
      return delegate.followLogs(handle, since, consumer);
    }

    @Override
    public Optional<ContainerHandle> recover(String instanceId, String containerId) {
      return delegate.recover(instanceId, containerId);
    }

    @Override
    public List<ContainerHandle> list() {
      return delegate.list();
    }
  }
}

package dev.aino.runtime.simulated;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aino.error.AinoException;
import dev.aino.error.ErrorCode;
import dev.aino.model.ImageReference;
import dev.aino.model.Instance;
import dev.aino.model.NetworkMode;
import dev.aino.model.Resources;
import dev.aino.runtime.AbstractContainerRuntimeContractTest;
import dev.aino.runtime.ContainerHandle;
import dev.aino.runtime.ContainerRuntime;
import dev.aino.runtime.ContainerSpec;
import dev.aino.runtime.ContainerState;
import dev.aino.runtime.ContainerStatus;
import dev.aino.runtime.ExecResult;
import dev.aino.runtime.LogQuery;
import dev.aino.runtime.LogStream;
import dev.aino.testing.Await;
import dev.aino.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class SimulatedRuntimeTest extends AbstractContainerRuntimeContractTest {
  private static final String IMAGE = "127.0.0.1:5000/busybox:1.36";
  private static final String MISSING_IMAGE = "127.0.0.1:5000/missing:1";

  private final MutableClock clock = new MutableClock();

  @Override
  protected ContainerRuntime newRuntime() {
    return new SimulatedRuntime(
        SimulationConfig.builder().failingImages(Set.of(MISSING_IMAGE)).build());
  }

  @Override
  protected ContainerSpec spec(String instanceId, List<String> argv) {
    return specOf(instanceId, IMAGE, argv, 0);
  }

  @Override
  protected ContainerSpec unstartable(String instanceId) {
    return specOf(instanceId, MISSING_IMAGE, List.of("sleep", "1"), 0);
  }

  private static ContainerSpec specOf(String id, String image, List<String> argv, int restarts) {
    return new ContainerSpec(
        id,
        Instance.workloadOf(id),
        ImageReference.parse("image", image),
        argv,
        List.of(),
        Map.of(),
        Resources.of(100, 64),
        null,
        restarts,
        false,
        NetworkMode.HOST,
        List.of());
  }

  /** A runtime on the test's controllable clock. */
  private SimulatedRuntime onClock(Function<SimulationConfig.Builder, SimulationConfig.Builder> c) {
    SimulatedRuntime sim =
        new SimulatedRuntime(c.apply(SimulationConfig.builder().clock(clock)).build());
    runtime.close();
    runtime = sim;
    return sim;
  }

  @Test
  void echoPrintsItsArgumentsAndExitsZero() {
    ContainerHandle handle = start(spec("web-echo", List.of("echo", "A", "B")));

    ContainerStatus status = awaitEnd(handle);
    assertThat(status.exitCode()).isZero();
    assertThat(texts(runtime.logs(handle, LogQuery.all()))).containsExactly("A B");
  }

  @Test
  void sleepRunsForItsDurationOnTheClock() {
    SimulatedRuntime sim = onClock(c -> c);
    Instant t0 = clock.instant();
    ContainerHandle handle = start(spec("web-sleep", List.of("/bin/sleep", "30")));

    clock.advance(Duration.ofSeconds(29));
    assertThat(sim.inspect(handle).state()).isEqualTo(ContainerState.RUNNING);
    clock.advance(Duration.ofSeconds(1));
    ContainerStatus status = sim.inspect(handle);
    assertThat(status.state()).isEqualTo(ContainerState.EXITED);
    assertThat(status.exitCode()).isZero();
    assertThat(status.startedAt()).isEqualTo(t0);
    assertThat(status.finishedAt()).isEqualTo(t0.plusSeconds(30));
  }

  @Test
  void aScriptPrintsOverTimeAndExitsWithItsCode() {
    SimulatedRuntime sim = onClock(c -> c);
    Instant t0 = clock.instant();
    ContainerHandle handle =
        start(
            spec(
                "web-script",
                List.of(
                    "sh", "-c", "echo \"first line\"; sleep 0.5; echo 'it'\\''s' >&2; exit 7")));

    assertThat(texts(sim.logs(handle, LogQuery.all()))).containsExactly("first line");
    clock.advance(Duration.ofMillis(500));
    var lines = sim.logs(handle, LogQuery.all()).lines();
    assertThat(lines).extracting(l -> l.text()).containsExactly("first line", "it's");
    assertThat(lines.get(1).stream()).isEqualTo(LogStream.STDERR);
    assertThat(lines.get(1).timestamp()).isEqualTo(t0.plusMillis(500));
    assertThat(sim.inspect(handle).exitCode()).isEqualTo(7);
  }

  @Test
  void falseExitsOneAndUnknownCommandsRunUntilStopped() {
    ContainerHandle failing = start(spec("web-false", List.of("false")));
    ContainerHandle server = start(spec("web-server", List.of("/usr/bin/my-server", "--port=80")));

    assertThat(awaitEnd(failing).exitCode()).isEqualTo(1);
    assertThat(runtime.inspect(server).state()).isEqualTo(ContainerState.RUNNING);
  }

  @Test
  void startLatencyKeepsAContainerCreatedUntilItPasses() {
    SimulatedRuntime sim = onClock(c -> c.startLatency(Duration.ofSeconds(2)));
    ContainerHandle handle = start(spec("web-slow", List.of("echo", "hi")));

    assertThat(sim.inspect(handle).state()).isEqualTo(ContainerState.CREATED);
    assertThat(sim.logs(handle, LogQuery.all()).lines()).isEmpty();
    clock.advance(Duration.ofSeconds(2));
    assertThat(sim.inspect(handle).state()).isEqualTo(ContainerState.EXITED);
    assertThat(sim.inspect(handle).startedAt()).isEqualTo(clock.instant());
  }

  @Test
  void crashHookEndsARunningContainerWithTheGivenCode() {
    SimulatedRuntime sim = (SimulatedRuntime) runtime;
    ContainerHandle handle = start(longRunning("web-crash"));

    sim.crash(handle.containerId(), 42);

    ContainerStatus status = sim.inspect(handle);
    assertThat(status.exitCode()).isEqualTo(42);
    assertThat(status.signal()).isNull();
    assertThatThrownBy(() -> sim.crash(handle.containerId(), 1))
        .isInstanceOfSatisfying(
            AinoException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.RUNTIME_FAILURE);
              assertThat(e.getMessage()).contains(handle.containerId()).contains("not running");
            });
  }

  @Test
  void oomKillHookReportsAnOomKill() {
    SimulatedRuntime sim = (SimulatedRuntime) runtime;
    ContainerHandle handle = start(longRunning("web-oom"));

    sim.oomKill(handle.containerId());

    ContainerStatus status = sim.inspect(handle);
    assertThat(status.oomKilled()).isTrue();
    assertThat(status.signal()).isEqualTo(ContainerStatus.SIGKILL);
    assertThat(status.exitCode()).isEqualTo(137);
    assertThat(status.describeEnd()).isEqualTo("OOM-killed (exit code 137)");
  }

  @Test
  void aFailingImageFailsToPull() {
    assertThatThrownBy(() -> runtime.prepare(unstartable("web-pull")))
        .hasMessageContaining("ImagePullFailed")
        .hasMessageContaining(ImageReference.parse("image", MISSING_IMAGE).toString());
    assertThatThrownBy(() -> start(unstartable("web-pull")))
        .hasMessageContaining("ImagePullFailed")
        .hasMessageContaining(ImageReference.parse("image", MISSING_IMAGE).toString());
  }

  @Test
  void startFailuresAreDrawnFromTheSeedAndRepeatExactly() {
    SimulationConfig config =
        SimulationConfig.builder().seed(7).startFailureProbability(0.5).build();

    List<String> first = failingStarts(new SimulatedRuntime(config));
    List<String> second = failingStarts(new SimulatedRuntime(config));
    List<String> otherSeed =
        failingStarts(new SimulatedRuntime(config.toBuilder().seed(8).build()));

    assertThat(first).isEqualTo(second).isNotEmpty().hasSizeLessThan(200);
    assertThat(otherSeed).isNotEqualTo(first);
  }

  private static List<String> failingStarts(SimulatedRuntime sim) {
    List<String> failed = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      String id = "web-" + i;
      try {
        sim.start(specOf(id, IMAGE, List.of("sleep", "1"), 0));
      } catch (AinoException e) {
        assertThat(e.getMessage()).contains(id).contains("simulated start failure");
        failed.add(id);
      }
    }
    sim.close();
    return failed;
  }

  @Test
  void injectedCrashesHappenWithinTheWindowAndRepeatWithTheSeed() {
    SimulationConfig config =
        SimulationConfig.builder()
            .clock(clock)
            .seed(3)
            .crashProbability(1)
            .crashWithin(Duration.ofSeconds(10))
            .crashExitCode(139)
            .build();
    SimulatedRuntime a = new SimulatedRuntime(config);
    SimulatedRuntime b = new SimulatedRuntime(config);
    Instant t0 = clock.instant();
    ContainerHandle ha = a.start(specOf("web-c1", IMAGE, List.of("sleep", "3600"), 0));
    ContainerHandle hb = b.start(specOf("web-c1", IMAGE, List.of("sleep", "3600"), 0));

    clock.advance(Duration.ofSeconds(10));

    ContainerStatus sa = a.inspect(ha);
    assertThat(sa.exitCode()).isEqualTo(139);
    assertThat(sa.finishedAt()).isBetween(t0, t0.plusSeconds(10));
    assertThat(b.inspect(hb).finishedAt()).isEqualTo(sa.finishedAt());
  }

  @Test
  void statsReportTheConfiguredSyntheticUsage() {
    SimulatedRuntime sim = onClock(c -> c.cpuMillis(250).memoryMiB(32));
    ContainerHandle handle = start(longRunning("web-usage"));
    var before = sim.stats(handle);

    clock.advance(Duration.ofSeconds(4));
    var after = sim.stats(handle);

    assertThat(after.cpuMillisSince(before)).isEqualTo(250);
    assertThat(after.cpuTime()).isEqualTo(Duration.ofSeconds(1));
    assertThat(after.memoryBytes()).isEqualTo(32L * 1024 * 1024);
    assertThat(after.memoryLimitBytes()).isEqualTo(64L * 1024 * 1024);
    sim.setUsage(handle.containerId(), 1000, 1024);
    assertThat(sim.stats(handle).memoryBytes()).isEqualTo(1024);
  }

  @Test
  void aCommandDeclaresALoadThatChangesOverTime() {
    SimulatedRuntime sim = onClock(c -> c.cpuMillis(10).memoryMiB(16));
    ContainerHandle handle =
        start(
            spec(
                "web-load",
                List.of(
                    "sh",
                    "-c",
                    "load cpu=900m memory=48Mi; sleep 10; load cpu=0.1; sleep 10; load mem=8M")));
    var t0 = sim.stats(handle);

    clock.advance(Duration.ofSeconds(10));
    var t10 = sim.stats(handle);
    assertThat(t10.cpuMillisSince(t0)).isEqualTo(900);
    assertThat(t10.memoryBytes()).isEqualTo(48L * 1024 * 1024);

    clock.advance(Duration.ofSeconds(10));
    var t20 = sim.stats(handle);
    assertThat(t20.cpuMillisSince(t10)).isEqualTo(100);
    assertThat(t20.memoryBytes()).isEqualTo(8_000_000L);
    assertThat(t20.cpuTime()).isEqualTo(Duration.ofSeconds(10));

    clock.advance(Duration.ofHours(1));
    assertThat(sim.inspect(handle).state())
        .as("a program that ends on load runs until stopped")
        .isEqualTo(ContainerState.RUNNING);
    sim.setUsage(handle.containerId(), 500, 1024);
    var set = sim.stats(handle);
    clock.advance(Duration.ofSeconds(2));
    assertThat(sim.stats(handle).cpuMillisSince(set)).isEqualTo(500);
    assertThat(set.cpuTime()).isEqualTo(t20.cpuTime().plus(Duration.ofSeconds(360)));
  }

  @Test
  void aLoadWithABadQuantityFailsLikeACommand() {
    onClock(c -> c);
    ContainerHandle handle = start(spec("web-badload", List.of("load", "cpu=lots")));

    ContainerStatus status = awaitEnd(handle);
    assertThat(status.exitCode()).isEqualTo(2);
    assertThat(runtime.logs(handle, LogQuery.all()).lines().get(0).text())
        .contains("bad cpu \"lots\"");
  }

  @Test
  void execOfACommandThatOutlivesItsTimeoutTimesOut() {
    SimulatedRuntime sim = (SimulatedRuntime) runtime;
    ContainerHandle handle = start(longRunning("web-probe"));

    ExecResult result = sim.exec(handle, List.of("sleep", "10"), Duration.ofSeconds(1));

    assertThat(result.timedOut()).isTrue();
    assertThat(result.exitCode()).isNull();
    assertThat(result.succeeded()).isFalse();
  }

  @Test
  void aProgramThatIgnoresSigtermButFinishesInTimeExitsOnItsOwn() {
    SimulatedRuntime sim = onClock(c -> c);
    ContainerHandle handle =
        start(spec("web-finish", List.of("sh", "-c", "trap '' TERM; sleep 1; exit 5")));
    Thread stopper = Thread.currentThread();
    Thread mover =
        new Thread(
            () -> {
              // Moves the clock once stop() waits for the container to exit after SIGTERM.
              Await.until(
                  "stop() to wait for the container",
                  () -> stopper.getState() == Thread.State.TIMED_WAITING);
              clock.advance(Duration.ofSeconds(1));
            });
    mover.start();

    sim.stop(handle, Duration.ofSeconds(30));

    assertThat(sim.inspect(handle).exitCode()).isEqualTo(5);
    assertThat(sim.inspect(handle).signal()).isNull();
  }

  @Test
  void containersCostNoThreads() {
    SimulatedRuntime sim = (SimulatedRuntime) runtime;
    int threadsBefore = Thread.activeCount();

    for (int i = 0; i < 2_000; i++) {
      sim.start(specOf("load-" + i, IMAGE, List.of("sleep", "3600"), 0));
    }

    assertThat(sim.list()).hasSize(2_000);
    assertThat(Thread.activeCount()).isLessThanOrEqualTo(threadsBefore);
  }

  @Test
  void shellWordsHonourQuotesAndSeparators() {
    assertThat(ShellWords.statements("echo 'a  b' \"c \\\"d\\\"\" e\\ f; exit 3 && true\nfalse"))
        .containsExactly(
            List.of("echo", "a  b", "c \"d\"", "e f"),
            List.of("exit", "3"),
            List.of("true"),
            List.of("false"));
    assertThat(ShellWords.statements("trap '' TERM")).containsExactly(List.of("trap", "", "TERM"));
  }
}

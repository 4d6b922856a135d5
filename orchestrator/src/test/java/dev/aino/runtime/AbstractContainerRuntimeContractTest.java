package dev.aino.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aino.error.AinoException;
import dev.aino.error.ErrorCode;
import dev.aino.testing.Await;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The container runtime contract. Every driver (simulated, process, OCI) extends this class and
 * passes the same assertions; what only one driver does is tested in its subclass.
 *
 * <p>The hooks build specs from command lines that both a real {@code /bin/sh} (in a busybox image
 * or on the host) and the simulated runtime understand, so a subclass usually implements only
 * {@link #newRuntime()}, {@link #spec} and {@link #unstartable}.
 */
public abstract class AbstractContainerRuntimeContractTest {
  /** How long a stop may take before SIGKILL when the container cooperates. */
  protected static final Duration GRACE = Duration.ofSeconds(5);

  protected ContainerRuntime runtime;
  private final List<ContainerHandle> started = new ArrayList<>();

  /** A new runtime over a fresh, empty node. */
  protected abstract ContainerRuntime newRuntime() throws Exception;

  /** A spec that runs {@code argv} in this driver's test image (or on the host). */
  protected abstract ContainerSpec spec(String instanceId, List<String> argv);

  /** A spec whose start fails: a missing image or binary. */
  protected abstract ContainerSpec unstartable(String instanceId);

  /**
   * The runtime as a restarted agent would see it: closes {@code runtime} and opens a new one over
   * the same node state. Drivers whose state lives in the runtime object return it unchanged.
   */
  protected ContainerRuntime reopen(ContainerRuntime runtime) throws Exception {
    return runtime;
  }

  protected ContainerSpec longRunning(String instanceId) {
    return spec(instanceId, List.of("sleep", "3600"));
  }

  /** Prints each line of {@code text} to stdout, then exits 0. */
  protected ContainerSpec printsThenExits(String instanceId, String text) {
    return spec(instanceId, List.of("sh", "-c", echoes(text, "")));
  }

  /** Prints each line of {@code text} to stdout, then runs until stopped. */
  protected ContainerSpec printsThenRuns(String instanceId, String text) {
    return spec(instanceId, List.of("sh", "-c", echoes(text, "") + "; sleep 3600"));
  }

  protected ContainerSpec printsToStderr(String instanceId, String text) {
    return spec(instanceId, List.of("sh", "-c", echoes(text, " >&2")));
  }

  protected ContainerSpec exitsWith(String instanceId, int code) {
    return spec(instanceId, List.of("sh", "-c", "exit " + code));
  }

  /**
   * Prints {@code ready} once SIGTERM would end it, then runs until stopped. "Running" does not
   * mean a program has set up its signal handling yet, and a real runtime may drop a signal that
   * comes sooner (an OCI container's PID 1 ignores signals it has no handler for), so tests that
   * stop it wait for {@code ready} first.
   */
  protected ContainerSpec stopsOnSigterm(String instanceId) {
    return printsThenRuns(instanceId, "ready");
  }

  /** Ignores SIGTERM, prints {@code ready} once it does, then runs until killed. */
  protected ContainerSpec ignoresSigterm(String instanceId) {
    return spec(
        instanceId, List.of("sh", "-c", "trap '' TERM; echo ready; while true; do sleep 1; done"));
  }

  @BeforeEach
  void openRuntime() throws Exception {
    runtime = newRuntime();
  }

  @AfterEach
  void cleanUp() {
    if (runtime != null) {
      for (ContainerHandle handle : started) {
        try {
          runtime.destroy(handle);
        } catch (AinoException e) {
          // Best effort: the test itself may have broken it on purpose.
        }
      }
      runtime.close();
    }
  }

  @Test
  void fingerprintNamesTheRuntimeAndItsVersion() {
    assertThat(runtime.fingerprint().name()).isNotBlank();
    assertThat(runtime.fingerprint().version()).isNotNull();
  }

  @Test
  void aPreparedSpecStartsAndPreparingAgainChangesNothing() {
    ContainerSpec spec = printsThenExits("web-prep1", "prepared");

    runtime.prepare(spec);
    runtime.prepare(spec);
    assertThat(runtime.list()).isEmpty(); // preparing starts nothing
    ContainerHandle handle = start(spec);

    assertThat(awaitStatus(handle, ContainerStatus::hasEnded).exitCode()).isZero();
    assertThat(runtime.logs(handle, LogQuery.all()).text()).isEqualTo("prepared\n");
  }

  @Test
  void startedContainerRuns() {
    ContainerHandle handle = start(longRunning("web-run1"));

    assertThat(handle.instanceId()).isEqualTo("web-run1");
    assertThat(handle.runtime()).isEqualTo(runtime.fingerprint().name());
    ContainerStatus status = awaitStatus(handle, s -> s.state() == ContainerState.RUNNING);
    assertThat(status.startedAt()).isNotNull();
    assertThat(status.exitCode()).isNull();
    assertThat(status.finishedAt()).isNull();
  }

  @Test
  void nonZeroExitCodeIsReported() {
    ContainerHandle handle = start(exitsWith("web-exit3", 3));

    ContainerStatus status = awaitEnd(handle);
    assertThat(status.state()).isEqualTo(ContainerState.EXITED);
    assertThat(status.exitCode()).isEqualTo(3);
    assertThat(status.signal()).isNull();
    assertThat(status.oomKilled()).isFalse();
    assertThat(status.failed()).isTrue();
    assertThat(status.finishedAt()).isAfterOrEqualTo(status.startedAt());
  }

  @Test
  void aContainerThatExitsNotifiesItsListenersOnceWithItsExitCode() throws Exception {
    ContainerHandle handle = start(spec("web-event", List.of("sh", "-c", "sleep 1; exit 3")));
    List<ContainerStatus> first = new CopyOnWriteArrayList<>();
    List<ContainerStatus> second = new CopyOnWriteArrayList<>();

    runtime.onExit(handle, first::add);
    runtime.onExit(handle, second::add);

    // Nobody inspects it: the runtime itself has to say that it ended.
    Await.until("the exit to be announced (heard " + first + ")", () -> !first.isEmpty());
    Await.until("the second listener to hear of it", () -> !second.isEmpty());
    assertThat(first.get(0).state()).isEqualTo(ContainerState.EXITED);
    assertThat(first.get(0).exitCode()).isEqualTo(3);
    assertThat(second).isEqualTo(first);
    runtime.stop(handle, GRACE);
    runtime.destroy(handle);
    Thread.sleep(300); // a second announcement would have had time to arrive
    assertThat(first).hasSize(1);
    assertThat(second).hasSize(1);
  }

  @Test
  void aListenerAddedAfterTheEndIsCalledAtOnce() {
    ContainerHandle handle = start(exitsWith("web-late", 4));
    awaitEnd(handle);
    List<ContainerStatus> heard = new ArrayList<>();

    runtime.onExit(handle, heard::add);

    assertThat(heard).singleElement().satisfies(s -> assertThat(s.exitCode()).isEqualTo(4));
    runtime.onExit(unknownHandle(), heard::add);
    assertThat(heard).hasSize(2);
    assertThat(heard.get(1).state()).isEqualTo(ContainerState.NOT_FOUND);
  }

  @Test
  void destroyingARunningContainerNotifiesOnceThatItEnded() throws Exception {
    ContainerHandle handle = start(longRunning("web-doomed"));
    awaitStatus(handle, s -> s.state() == ContainerState.RUNNING);
    List<ContainerStatus> heard = new CopyOnWriteArrayList<>();
    runtime.onExit(handle, heard::add);

    runtime.destroy(handle);

    Await.until("the end to be announced", () -> !heard.isEmpty());
    assertThat(heard.get(0).hasEnded()).isTrue();
    List<ContainerStatus> afterwards = new ArrayList<>();
    runtime.onExit(handle, afterwards::add);
    assertThat(afterwards)
        .singleElement()
        .satisfies(s -> assertThat(s.state()).isEqualTo(ContainerState.NOT_FOUND));
    Thread.sleep(300);
    assertThat(heard).hasSize(1);
  }

  @Test
  void aListenerThatThrowsBreaksNeitherTheOthersNorTheRuntime() {
    ContainerHandle handle = start(spec("web-throws", List.of("sh", "-c", "sleep 1; exit 5")));
    List<ContainerStatus> heard = new CopyOnWriteArrayList<>();
    runtime.onExit(
        handle,
        end -> {
          throw new IllegalStateException("a broken listener");
        });
    runtime.onExit(handle, heard::add);

    Await.until("the other listener to hear of the exit", () -> !heard.isEmpty());
    assertThat(heard.get(0).exitCode()).isEqualTo(5);
    assertThat(runtime.inspect(handle).exitCode()).isEqualTo(5);
    ContainerHandle next = start(exitsWith("web-after", 0));
    assertThat(awaitEnd(next).exitCode()).isZero();
    List<ContainerStatus> late = new ArrayList<>();
    runtime.onExit(handle, end -> late.add(end)); // called at once, the thrower long forgotten
    assertThat(late).hasSize(1);
  }

  @Test
  void aRecoveredContainerNotifiesItsEnd() throws Exception {
    ContainerHandle handle = start(spec("web-adopted", List.of("sh", "-c", "sleep 2; exit 6")));
    awaitStatus(handle, s -> s.state() == ContainerState.RUNNING);

    runtime = reopen(runtime);
    ContainerHandle recovered = runtime.recover("web-adopted", handle.containerId()).orElseThrow();
    List<ContainerStatus> heard = new CopyOnWriteArrayList<>();
    runtime.onExit(recovered, heard::add);

    // A driver whose exit codes die with the agent says NOT_FOUND with the reason, as inspect.
    Await.until("the end of the recovered container to be announced", () -> !heard.isEmpty());
    assertThat(heard).singleElement().satisfies(s -> assertThat(s.hasEnded()).isTrue());
    assertThat(heard.get(0).state()).isEqualTo(runtime.inspect(recovered).state());
  }

  @Test
  void zeroExitCodeIsReported() {
    ContainerStatus status = awaitEnd(start(exitsWith("web-exit0", 0)));

    assertThat(status.exitCode()).isZero();
    assertThat(status.failed()).isFalse();
  }

  @Test
  void logsReturnEveryLineInOrder() {
    ContainerHandle handle = start(printsThenExits("web-logs", "one\ntwo\nthree"));
    awaitEnd(handle);

    LogChunk chunk = runtime.logs(handle, LogQuery.all());
    assertThat(texts(chunk)).containsExactly("one", "two", "three");
    assertThat(chunk.lines()).allMatch(l -> l.stream() == LogStream.STDOUT);
    assertThat(chunk.truncated()).isFalse();
    assertThat(chunk.text()).isEqualTo("one\ntwo\nthree\n");
  }

  @Test
  void logsTailReturnsTheLastLinesAndSaysMoreExist() {
    ContainerHandle handle = start(printsThenExits("web-tail", "one\ntwo\nthree"));
    awaitEnd(handle);

    LogChunk lastTwo = runtime.logs(handle, LogQuery.tail(2));
    assertThat(texts(lastTwo)).containsExactly("two", "three");
    assertThat(lastTwo.truncated()).isTrue();
    LogChunk all = runtime.logs(handle, LogQuery.tail(10));
    assertThat(texts(all)).containsExactly("one", "two", "three");
    assertThat(all.truncated()).isFalse();
  }

  @Test
  void logsMaxBytesKeepsTheNewestLinesThatFit() {
    ContainerHandle handle = start(printsThenExits("web-bytes", "one\ntwo\nthree"));
    awaitEnd(handle);

    LogChunk chunk = runtime.logs(handle, LogQuery.all().withMaxBytes("three\n".length()));
    assertThat(texts(chunk)).containsExactly("three");
    assertThat(chunk.truncated()).isTrue();
    LogChunk clipped = runtime.logs(handle, LogQuery.all().withMaxBytes(3));
    assertThat(clipped.lines()).hasSize(1);
    assertThat("three").endsWith(clipped.lines().get(0).text());
    assertThat(clipped.text().length()).isLessThanOrEqualTo(3);
    assertThat(clipped.truncated()).isTrue();
  }

  @Test
  void logsSinceFiltersByTimestamp() {
    ContainerHandle handle = start(printsThenExits("web-since", "one\ntwo"));
    awaitEnd(handle);
    List<LogLine> lines = runtime.logs(handle, LogQuery.all()).lines();
    Instant first = lines.get(0).timestamp();
    Instant last = lines.get(lines.size() - 1).timestamp();

    assertThat(texts(runtime.logs(handle, LogQuery.all().withSince(first))))
        .containsExactly("one", "two");
    LogChunk none = runtime.logs(handle, LogQuery.all().withSince(last.plusMillis(1)));
    assertThat(none.lines()).isEmpty();
    assertThat(none.truncated()).isFalse();
  }

  @Test
  void stderrIsTaggedAsSuch() {
    ContainerHandle handle = start(printsToStderr("web-err", "oops"));
    awaitEnd(handle);

    LogChunk chunk = runtime.logs(handle, LogQuery.all());
    assertThat(chunk.lines())
        .singleElement()
        .satisfies(
            l -> {
              assertThat(l.text()).isEqualTo("oops");
              assertThat(l.stream()).isEqualTo(LogStream.STDERR);
            });
  }

  @Test
  void followLogsDeliversWrittenLinesAndStopsWhenClosed() {
    ContainerHandle handle =
        start(
            spec(
                "web-follow",
                List.of("sh", "-c", "echo alpha; echo beta; sleep 1; echo gamma; sleep 3600")));
    List<String> seen = new CopyOnWriteArrayList<>();
    List<String> control = new CopyOnWriteArrayList<>();

    LogSubscription subscription = runtime.followLogs(handle, null, line -> seen.add(line.text()));
    try (LogSubscription still = runtime.followLogs(handle, null, l -> control.add(l.text()))) {
      Await.until("followed lines alpha, beta (seen " + seen + ")", () -> seen.size() >= 2);
      subscription.close();
      subscription.close(); // idempotent
      List<String> atClose = List.copyOf(seen);

      // A follower that stayed open receives the line written a second later, after the close;
      // the closed one gets nothing more by then (the same delivery serves both).
      Await.until(
          "the open follower to see gamma (seen " + control + ")", () -> control.contains("gamma"));
      assertThat(atClose).startsWith("alpha", "beta");
      assertThat(seen).isEqualTo(atClose);
    }
  }

  @Test
  void stopEndsAContainerWithSigterm() {
    ContainerHandle handle = start(stopsOnSigterm("web-stop"));
    Await.until(
        "the container to print ready",
        () -> texts(runtime.logs(handle, LogQuery.all())).contains("ready"));

    runtime.stop(handle, GRACE);

    ContainerStatus status = runtime.inspect(handle);
    assertThat(status.state()).isEqualTo(ContainerState.EXITED);
    assertThat(status.signal()).isEqualTo(ContainerStatus.SIGTERM);
    assertThat(status.exitCode()).isEqualTo(128 + ContainerStatus.SIGTERM);
    assertThat(status.finishedAt()).isNotNull();
  }

  @Test
  void stopKillsAContainerThatIgnoresSigtermOnceTheGracePeriodIsOver() {
    ContainerHandle handle = start(ignoresSigterm("web-stubborn"));
    Await.until(
        "the container to print ready",
        () -> texts(runtime.logs(handle, LogQuery.all())).contains("ready"));
    Duration grace = Duration.ofMillis(300);

    long before = System.nanoTime();
    runtime.stop(handle, grace);
    long tookNanos = System.nanoTime() - before;

    ContainerStatus status = runtime.inspect(handle);
    assertThat(status.state()).isEqualTo(ContainerState.EXITED);
    assertThat(status.signal()).isEqualTo(ContainerStatus.SIGKILL);
    assertThat(status.exitCode()).isEqualTo(128 + ContainerStatus.SIGKILL);
    assertThat(status.oomKilled()).isFalse();
    assertThat(Duration.ofNanos(tookNanos)).isGreaterThanOrEqualTo(grace);
  }

  @Test
  void stopLeavesAnExitedContainerAloneAndIgnoresUnknownOnes() {
    ContainerHandle handle = start(exitsWith("web-done", 3));
    awaitEnd(handle);

    runtime.stop(handle, GRACE);
    runtime.stop(unknownHandle(), GRACE);

    assertThat(runtime.inspect(handle).exitCode()).isEqualTo(3);
  }

  @Test
  void destroyRemovesTheContainerAndIsIdempotent() {
    ContainerHandle handle = start(longRunning("web-gone"));
    awaitStatus(handle, s -> s.state() == ContainerState.RUNNING);

    runtime.destroy(handle);
    runtime.destroy(handle);

    assertThat(runtime.inspect(handle).state()).isEqualTo(ContainerState.NOT_FOUND);
    assertThat(runtime.list()).doesNotContain(handle);
    assertThatThrownBy(() -> runtime.logs(handle, LogQuery.all()))
        .isInstanceOfSatisfying(
            AinoException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.RUNTIME_FAILURE);
              assertThat(e.getMessage()).contains(handle.containerId());
            });
  }

  @Test
  void destroyOfAnUnknownContainerDoesNothing() {
    ContainerHandle running = start(longRunning("web-bystander"));
    awaitStatus(running, s -> s.state() == ContainerState.RUNNING);
    List<ContainerHandle> before = runtime.list();

    runtime.destroy(unknownHandle()); // neither throws nor touches another container

    assertThat(runtime.list()).containsExactlyInAnyOrderElementsOf(before).contains(running);
    assertThat(runtime.inspect(running).state()).isEqualTo(ContainerState.RUNNING);
    assertThat(runtime.inspect(unknownHandle()).state()).isEqualTo(ContainerState.NOT_FOUND);
  }

  @Test
  void inspectOfAnUnknownContainerIsNotFound() {
    assertThat(runtime.inspect(unknownHandle()).state()).isEqualTo(ContainerState.NOT_FOUND);
  }

  @Test
  void listFindsEveryContainer() {
    ContainerHandle a = start(longRunning("web-lista"));
    ContainerHandle b = start(exitsWith("web-listb", 0));
    awaitEnd(b);

    assertThat(runtime.list()).contains(a, b);
  }

  @Test
  void recoverReattachesToARunningContainer() throws Exception {
    ContainerHandle handle = start(longRunning("web-keep"));
    awaitStatus(handle, s -> s.state() == ContainerState.RUNNING);

    runtime = reopen(runtime);

    Optional<ContainerHandle> recovered = runtime.recover("web-keep", handle.containerId());
    assertThat(recovered).contains(handle);
    assertThat(runtime.inspect(recovered.get()).state()).isEqualTo(ContainerState.RUNNING);
    assertThat(runtime.recover("web-other", handle.containerId())).isEmpty();
    assertThat(runtime.recover("web-keep", "no-such-container")).isEmpty();
    assertThat(runtime.list()).contains(handle);
  }

  @Test
  void aSecondContainerForTheSameInstanceIsRefusedOrDistinct() {
    ContainerHandle first = start(longRunning("web-twice"));
    ContainerHandle second;
    try {
      second = start(longRunning("web-twice"));
    } catch (AinoException refused) {
      assertThat(refused.code()).isEqualTo(ErrorCode.RUNTIME_FAILURE);
      assertThat(refused.getMessage()).contains("web-twice");
      assertThat(runtime.inspect(first).state()).isNotEqualTo(ContainerState.NOT_FOUND);
      return;
    }
    assertThat(second.containerId()).isNotEqualTo(first.containerId());
    assertThat(runtime.list()).contains(first, second);
  }

  @Test
  void aSpecThatCannotStartFailsWithARuntimeFailureNamingTheInstance() {
    assertThatThrownBy(() -> start(unstartable("web-broken")))
        .isInstanceOfSatisfying(
            AinoException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.RUNTIME_FAILURE);
              assertThat(e.getMessage()).contains("web-broken");
            });
  }

  @Test
  void statsReportUsageOfARunningContainer() {
    ContainerHandle handle = start(longRunning("web-stats"));
    awaitStatus(handle, s -> s.state() == ContainerState.RUNNING);

    ResourceUsage usage = runtime.stats(handle);
    assertThat(usage.sampledAt()).isNotNull();
    assertThat(usage.cpuTime().isNegative()).isFalse();
    assertThat(usage.memoryBytes()).isNotNegative();
    assertThatThrownBy(() -> runtime.stats(unknownHandle()))
        .isInstanceOfSatisfying(
            AinoException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.RUNTIME_FAILURE));
  }

  @Test
  void execRunsACommandInsideARunningContainer() {
    // Every driver offers exec: the agent's exec health checks run through it.
    assertThat(runtime).isInstanceOf(ExecCapable.class);
    ExecCapable exec = (ExecCapable) runtime;
    ContainerHandle handle = start(longRunning("web-exec"));
    awaitStatus(handle, s -> s.state() == ContainerState.RUNNING);
    Duration timeout = Duration.ofSeconds(5);

    assertThat(exec.exec(handle, List.of("true"), timeout).succeeded()).isTrue();
    assertThat(exec.exec(handle, List.of("sh", "-c", "exit 4"), timeout).exitCode()).isEqualTo(4);
    assertThat(exec.exec(handle, List.of("echo", "hi"), timeout).stdout()).isEqualTo("hi\n");
    runtime.stop(handle, GRACE);
    assertThatThrownBy(() -> exec.exec(handle, List.of("true"), timeout))
        .isInstanceOfSatisfying(
            AinoException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.RUNTIME_FAILURE));
  }

  /** Starts a container and remembers it for clean-up. */
  protected ContainerHandle start(ContainerSpec spec) {
    ContainerHandle handle = runtime.start(spec);
    started.add(handle);
    return handle;
  }

  protected ContainerStatus awaitStatus(ContainerHandle handle, Predicate<ContainerStatus> wanted) {
    ContainerStatus[] last = new ContainerStatus[1];
    return Await.value(
        "a matching status of " + handle,
        Await.DEFAULT_TIMEOUT,
        () -> {
          last[0] = runtime.inspect(handle);
          return wanted.test(last[0]) ? last[0] : null;
        },
        () -> last[0]);
  }

  protected ContainerStatus awaitEnd(ContainerHandle handle) {
    return awaitStatus(handle, ContainerStatus::hasEnded);
  }

  protected ContainerHandle unknownHandle() {
    return new ContainerHandle(runtime.fingerprint().name(), "no-such-container", "web-nobody");
  }

  protected static List<String> texts(LogChunk chunk) {
    return chunk.lines().stream().map(LogLine::text).toList();
  }

  /** {@code echo 'a'; echo 'b'} for the lines of {@code text}, each followed by {@code suffix}. */
  private static String echoes(String text, String suffix) {
    return text.lines()
        .map(line -> "echo '" + line.replace("'", "'\\''") + "'" + suffix)
        .collect(Collectors.joining("; "));
  }
}

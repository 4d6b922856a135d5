package dev.aino.runtime.process;

import static dev.aino.runtime.process.ProcessRuntimeContractTest.config;
import static dev.aino.runtime.process.ProcessRuntimeContractTest.hostSpec;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aino.model.NetworkMode;
import dev.aino.runtime.ContainerHandle;
import dev.aino.runtime.ContainerSpec;
import dev.aino.runtime.ContainerState;
import dev.aino.runtime.ContainerStatus;
import dev.aino.runtime.ExecResult;
import dev.aino.runtime.LogLine;
import dev.aino.runtime.LogQuery;
import dev.aino.testing.Await;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What only the process driver does, with real host processes. */
class ProcessRuntimeTest {
  @TempDir Path dir;
  private final List<ProcessRuntime> opened = new ArrayList<>();
  private ProcessRuntime runtime;

  @BeforeEach
  void open() {
    runtime = open(dir);
  }

  @AfterEach
  void destroyEverything() {
    for (int i = opened.size() - 1; i >= 0; i--) {
      ProcessRuntime each = opened.get(i);
      each.list().forEach(each::destroy);
      each.close();
    }
  }

  @Test
  void itSaysThatItIsolatesNothing() {
    assertThat(runtime.fingerprint().name()).isEqualTo("process");
    assertThat(runtime.fingerprint().isolating()).isFalse();
  }

  @Test
  void initNeedsNoWrapperHereForTheProcessIsNotPid1AndStopsOnSigterm() {
    ContainerSpec plain = hostSpec("init-sleep", List.of("sleep", "3600"), Map.of());
    ContainerSpec withInit =
        new ContainerSpec(
            plain.instanceId(),
            plain.workload(),
            plain.image(),
            plain.command(),
            plain.args(),
            plain.env(),
            plain.resources(),
            plain.hostname(),
            0,
            true,
            NetworkMode.HOST,
            List.of());
    ContainerHandle handle = runtime.start(withInit);
    Await.until("sleep to run", () -> runtime.inspect(handle).state() == ContainerState.RUNNING);

    long before = System.nanoTime();
    runtime.stop(handle, Duration.ofSeconds(10));

    assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(Duration.ofSeconds(1));
    assertThat(runtime.inspect(handle).signal()).isEqualTo(ContainerStatus.SIGTERM);
  }

  @Test
  void theProcessGetsAWorkingDirectoryAndACleanEnvironment() {
    ContainerHandle handle =
        runtime.start(
            hostSpec("env-clean", List.of("sh", "-c", "pwd; env | sort"), Map.of("FOO", "bar")));

    Await.until("the process to end", () -> runtime.inspect(handle).hasEnded());
    List<String> lines = texts(handle);
    Path work = dir.resolve("process/env-clean/work");
    assertThat(lines.get(0)).isEqualTo(work.toString());
    assertThat(lines.subList(1, lines.size()))
        .contains("FOO=bar", "HOME=" + work)
        .anyMatch(l -> l.startsWith("PATH="))
        .noneMatch(l -> l.startsWith("JAVA_HOME=") || l.startsWith("MAVEN"));
  }

  @Test
  void stopAlsoEndsTheDescendantsThatOutliveTheProcess() throws Exception {
    ContainerHandle handle =
        runtime.start(
            hostSpec(
                "tree-stop",
                List.of("sh", "-c", "sleep 3600 & echo $!; sleep 3600 & echo $!; wait"),
                Map.of()));
    List<Long> children = new ArrayList<>();
    Await.until(
        "the children's pids",
        () -> {
          children.clear();
          texts(handle).forEach(t -> children.add(Long.parseLong(t)));
          return children.size() == 2;
        });
    Await.until(
        "the driver to see the children",
        () -> runtime.stats(handle).pids() == 3); // sh and two sleeps

    runtime.stop(handle, Duration.ofSeconds(5));

    assertThat(runtime.inspect(handle).signal()).isEqualTo(ContainerStatus.SIGTERM);
    for (long child : children) {
      Await.until(
          "child " + child + " to be killed",
          () -> ProcessHandle.of(child).map(p -> !p.isAlive()).orElse(true));
    }
  }

  @Test
  void aRestartedDriverAdoptsRunningProcessesAndReportsWhatEndedMeanwhile() throws Exception {
    ContainerHandle keeps = runtime.start(hostSpec("ad-keeps", List.of("sleep", "3600"), Map.of()));
    ContainerHandle dies = runtime.start(hostSpec("ad-dies", List.of("sleep", "3600"), Map.of()));
    ContainerHandle exited =
        runtime.start(hostSpec("ad-exited", List.of("sh", "-c", "exit 5"), Map.of()));
    Await.until("exit 5 to be recorded", () -> runtime.inspect(exited).hasEnded());
    long diesPid = pid(dies);
    runtime.close();

    ProcessHandle.of(diesPid).orElseThrow().destroyForcibly();
    Await.until("the process to die", () -> ProcessHandle.of(diesPid).isEmpty());
    ProcessRuntime restarted = open(dir);

    assertThat(restarted.list()).containsExactlyInAnyOrder(keeps, dies, exited);
    assertThat(restarted.recover("ad-keeps", keeps.containerId())).contains(keeps);
    assertThat(restarted.inspect(keeps).state()).isEqualTo(ContainerState.RUNNING);
    assertThat(restarted.inspect(dies).state()).isEqualTo(ContainerState.NOT_FOUND);
    assertThat(restarted.inspect(dies).message()).startsWith("ExitedWhileAgentDown");
    assertThat(restarted.inspect(exited).exitCode()).isEqualTo(5);

    restarted.stop(keeps, Duration.ofSeconds(5));
    assertThat(restarted.inspect(keeps).message()).startsWith("ExitCodeUnknown");
  }

  @Test
  void execTimesOutAndKillsTheCommand() {
    ContainerHandle handle =
        runtime.start(hostSpec("exec-slow", List.of("sleep", "3600"), Map.of()));

    ExecResult result =
        runtime.exec(handle, List.of("sh", "-c", "echo $$; sleep 30"), Duration.ofMillis(300));

    assertThat(result.timedOut()).isTrue();
    long command = Long.parseLong(result.stdout().strip());
    Await.until(
        "the timed-out command to be killed",
        () -> ProcessHandle.of(command).map(p -> !p.isAlive()).orElse(true));
  }

  private ProcessRuntime open(Path dataDir) {
    ProcessRuntime runtime = ProcessRuntime.open(config(dataDir));
    opened.add(runtime);
    return runtime;
  }

  private long pid(ContainerHandle handle) throws Exception {
    String record =
        Files.readString(
            dir.resolve("process").resolve(handle.instanceId()).resolve("process.json"));
    return Long.parseLong(record.replaceAll("(?s).*\"pid\":(\\d+).*", "$1"));
  }

  private List<String> texts(ContainerHandle handle) {
    return runtime.logs(handle, LogQuery.all()).lines().stream().map(LogLine::text).toList();
  }
}

package dev.aino.runtime.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aino.error.AinoException;
import dev.aino.error.ErrorCode;
import dev.aino.image.ImageConfig;
import dev.aino.model.NetworkMode;
import dev.aino.runtime.ContainerHandle;
import dev.aino.runtime.ContainerSpec;
import dev.aino.runtime.ContainerState;
import dev.aino.runtime.ContainerStatus;
import dev.aino.runtime.ExecResult;
import dev.aino.runtime.LogLine;
import dev.aino.runtime.LogQuery;
import dev.aino.runtime.ResourceUsage;
import dev.aino.testing.Await;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What only the OCI driver does: isolation, limits, recovery, clean-up, all with real runc. */
class OciRuntimeTest {
  @TempDir Path dir;
  private final BusyboxImages images = new BusyboxImages();
  private final List<OciRuntime> opened = new ArrayList<>();
  private Path image;
  private Path dataDir;
  private OciRuntime runtime;

  @BeforeEach
  void open() throws IOException {
    OciTestSupport.requirePrerequisites();
    image = BusyboxImages.buildBusybox(dir.resolve("image"));
    dataDir = dir.resolve("data");
    runtime = open(OciTestSupport.config(dataDir));
  }

  @AfterEach
  void destroyEverything() {
    for (int i = opened.size() - 1; i >= 0; i--) {
      OciRuntime each = opened.get(i);
      each.list().forEach(each::destroy);
      each.close();
    }
  }

  @AfterAll
  static void removeCgroupParent() throws IOException {
    OciTestSupport.removeCgroupParent();
  }

  @Test
  void echoHelloIsReadFromTheLogs() {
    ContainerHandle handle = runtime.start(spec("echo-hello", List.of("echo", "hello")));

    assertThat(awaitEnd(handle).exitCode()).isZero();
    assertThat(runtime.logs(handle, LogQuery.all()).text()).isEqualTo("hello\n");
  }

  @Test
  void theProcessSeesItsImageConfigurationAndIsolation() {
    images.configure(
        image,
        new ImageConfig(
            List.of("sh", "-c"),
            List.of("echo never"),
            List.of("FROM_IMAGE=image", "OVERRIDDEN=image"),
            "/bin",
            "app"));
    ContainerSpec spec =
        new ContainerSpec(
            "iso-env",
            "iso",
            spec("iso-env", List.of()).image(),
            List.of(),
            List.of("echo $FROM_IMAGE $OVERRIDDEN; id -u; id -g; pwd; hostname; echo pid $$"),
            Map.of("OVERRIDDEN", "spec"),
            spec("iso-env", List.of()).resources(),
            null,
            0,
            false,
            NetworkMode.HOST,
            List.of());

    ContainerHandle handle = runtime.start(spec);

    assertThat(awaitEnd(handle).exitCode()).isZero();
    assertThat(texts(handle))
        .containsExactly("image spec", "1000", "1000", "/bin", "iso-env", "pid 1");
  }

  @Test
  void anUnknownImageUserFailsTheStartNamingTheUser() {
    images.configure(image, new ImageConfig(List.of(), List.of(), List.of(), "", "ghost"));

    assertThatThrownBy(() -> runtime.start(spec("ghost-user", List.of("true"))))
        .isInstanceOfSatisfying(
            AinoException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.RUNTIME_FAILURE);
              assertThat(e.getMessage()).contains("ghost-user").contains("\"ghost\"");
            });
    assertThat(runtime.list()).isEmpty();
  }

  @Test
  void aMissingImageFailsTheStartAndLeavesNothingBehind() {
    ContainerSpec spec =
        OciTestSupport.spec(dir.resolve("no-such-image"), "no-image", List.of("true"), 64);

    assertThatThrownBy(() -> runtime.prepare(spec))
        .isInstanceOfSatisfying(
            AinoException.class,
            e -> assertThat(e.getMessage()).contains("no-image").contains("ImagePullFailed"));
    assertThatThrownBy(() -> runtime.start(spec))
        .isInstanceOfSatisfying(
            AinoException.class,
            e -> assertThat(e.getMessage()).contains("no-image").contains("ImagePullFailed"));
    assertThat(runtime.list()).isEmpty();
  }

  @Test
  void aLongRunningContainerRunsAndStopsWithinTheGracePeriod() {
    ContainerHandle handle =
        runtime.start(
            spec(
                "long-run",
                List.of("sh", "-c", "trap 'exit 143' TERM; echo ready; sleep 3600 & wait")));
    awaitState(handle, ContainerState.RUNNING);
    Await.until("the trap to be set", () -> texts(handle).contains("ready"));

    long before = System.nanoTime();
    runtime.stop(handle, Duration.ofSeconds(10));

    assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(Duration.ofSeconds(10));
    assertThat(runtime.inspect(handle).signal()).isEqualTo(ContainerStatus.SIGTERM);
  }

  @Test
  void theMemoryLimitIsEnforcedAndAnOomKillReported() {
    // dd allocates its 200 MiB block and fills it from /dev/zero: far past a 32 MiB limit.
    ContainerSpec spec =
        OciTestSupport.spec(
            image,
            "oom-dd",
            List.of("dd", "if=/dev/zero", "of=/dev/null", "bs=200M", "count=1"),
            32);

    ContainerHandle handle = runtime.start(spec);

    ContainerStatus status = awaitEnd(handle);
    assertThat(status.state()).isEqualTo(ContainerState.EXITED);
    assertThat(status.oomKilled()).isTrue();
    assertThat(status.signal()).isEqualTo(ContainerStatus.SIGKILL);
    assertThat(status.exitCode()).isEqualTo(137);
    assertThat(status.describeEnd()).contains("OOM-killed");
  }

  @Test
  void aContainerKilledFromOutsideIsSeenToHaveEnded() throws Exception {
    ContainerHandle handle = runtime.start(spec("outside-kill", List.of("sleep", "3600")));
    awaitState(handle, ContainerState.RUNNING);

    runc("kill", handle.containerId(), "KILL");

    ContainerStatus status = awaitEnd(handle);
    assertThat(status.signal()).isEqualTo(ContainerStatus.SIGKILL);
    assertThat(status.oomKilled()).isFalse();
  }

  @Test
  void statsComeFromTheContainersCgroupAndShowItsLimit() {
    ContainerHandle handle =
        runtime.start(spec("stats-cpu", List.of("sh", "-c", "yes > /dev/null & wait")));
    awaitState(handle, ContainerState.RUNNING);
    ResourceUsage first = runtime.stats(handle);

    // Waited for, not read once: the container may have used its first CPU time before the first
    // read (two reads within one CPU-quota period then agree), and one read of pids.current can
    // come before yes is forked. Both happened on CI.
    Await.until(
        "the container to use more CPU time, with sh and yes counted",
        () -> {
          ResourceUsage now = runtime.stats(handle);
          return now.cpuTime().compareTo(first.cpuTime().plusMillis(20)) > 0 && now.pids() == 2;
        });
    ResourceUsage later = runtime.stats(handle);
    assertThat(later.memoryLimitBytes()).isEqualTo(64L * 1024 * 1024);
    assertThat(later.cpuTime()).isGreaterThan(first.cpuTime());
  }

  @Test
  void execTimesOutAndKillsTheCommand() throws Exception {
    ContainerHandle handle = runtime.start(spec("exec-slow", List.of("sleep", "3600")));
    awaitState(handle, ContainerState.RUNNING);

    ExecResult result =
        runtime.exec(handle, List.of("sh", "-c", "echo started; sleep 30"), Duration.ofMillis(500));

    assertThat(result.timedOut()).isTrue();
    assertThat(result.stdout()).isEqualTo("started\n");
    Await.until("the timed-out command to be gone", () -> processCount(handle) == 1);
    assertThatThrownBy(
            () -> runtime.exec(handle, List.of("no-such-command"), Duration.ofSeconds(5)))
        .isInstanceOfSatisfying(
            AinoException.class, e -> assertThat(e.getMessage()).contains("no-such-command"));
  }

  @Test
  void fiftyContainersStartAtOnceAndAreAllCleanedUp() throws Exception {
    List<ContainerHandle> handles = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(25);
    try {
      List<Future<ContainerHandle>> starts = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        String id = "fifty-" + i;
        starts.add(pool.submit(() -> runtime.start(spec(id, List.of("sleep", "3600")))));
      }
      for (Future<ContainerHandle> start : starts) {
        handles.add(start.get());
      }
      for (ContainerHandle handle : handles) {
        awaitState(handle, ContainerState.RUNNING);
      }
      assertThat(runtime.list()).containsExactlyInAnyOrderElementsOf(handles);
      assertThat(MountTable.mountsUnder(dataDir)).hasSize(50);

      List<Future<?>> destroys = new ArrayList<>();
      for (ContainerHandle handle : handles) {
        destroys.add(pool.submit(() -> runtime.destroy(handle)));
      }
      for (Future<?> destroy : destroys) {
        destroy.get();
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(MountTable.mountsUnder(dataDir)).isEmpty();
    assertThat(runtime.list()).isEmpty();
    assertThat(runc("list", "--format", "json").strip()).isEqualTo("null");
    try (Stream<Path> bundles = Files.list(dataDir.resolve("bundles"))) {
      assertThat(bundles).isEmpty();
    }
    for (ContainerHandle handle : handles) {
      assertThat(runtime.inspect(handle).state()).isEqualTo(ContainerState.NOT_FOUND);
      assertThat(runtime.cgroupDirectories(handle)).noneMatch(Files::exists);
    }
  }

  @Test
  void aRestartedDriverAdoptsWhatRunsAndReportsWhatEndedMeanwhile() throws Exception {
    ContainerHandle keeps =
        runtime.start(
            spec(
                "adopt-keeps",
                List.of("sh", "-c", "echo before; trap 'exit 143' TERM; sleep 3600 & wait")));
    ContainerHandle diesWhileDown = runtime.start(spec("adopt-dies", List.of("sleep", "3600")));
    ContainerHandle exited = runtime.start(spec("adopt-exited", List.of("sh", "-c", "exit 7")));
    awaitState(keeps, ContainerState.RUNNING);
    awaitState(diesWhileDown, ContainerState.RUNNING);
    assertThat(awaitEnd(exited).exitCode()).isEqualTo(7);
    Await.until("keeps to print", () -> texts(keeps).contains("before"));
    long keepsPid = initPid(keeps);
    Instant keepsStarted = runtime.inspect(keeps).startedAt();
    runtime.close(); // the agent goes away; its containers stay

    runc("kill", diesWhileDown.containerId(), "KILL");
    Await.until(
        "the container to die while no driver watches it",
        () -> runc("state", diesWhileDown.containerId()).contains("\"stopped\""));
    OciRuntime restarted = open(OciTestSupport.config(dataDir));

    assertThat(restarted.list()).containsExactlyInAnyOrder(keeps, diesWhileDown, exited);
    // The runtime itself names the instance (the bundle's record is in config.json's annotations).
    assertThat(runc("state", keeps.containerId()))
        .contains("\"dev.aino.instance-id\": \"adopt-keeps\"");
    assertThat(restarted.recover("adopt-keeps", keeps.containerId())).contains(keeps);
    assertThat(restarted.inspect(keeps).state()).isEqualTo(ContainerState.RUNNING);
    assertThat(initPid(keeps)).isEqualTo(keepsPid); // the same process, not a new start
    // Known again from the runtime's creation time, which comes just before the init ran.
    assertThat(restarted.inspect(keeps).startedAt())
        .isBetween(keepsStarted.minusSeconds(1), keepsStarted);
    assertThat(runc("list", "--format", "json").split("\"id\"")).hasSize(4);
    assertThat(restarted.logs(keeps, LogQuery.all()).lines())
        .extracting(LogLine::text)
        .containsExactly("before");
    assertThat(restarted.recover("adopt-dies", diesWhileDown.containerId())).isPresent();
    assertThat(restarted.inspect(diesWhileDown).state()).isEqualTo(ContainerState.NOT_FOUND);
    assertThat(restarted.inspect(diesWhileDown).message()).startsWith("ExitedWhileAgentDown");
    assertThat(restarted.inspect(exited).exitCode()).isEqualTo(7);

    runc("kill", keeps.containerId(), "KILL");
    Await.until(
        "the adopted container's end to be seen",
        () -> restarted.inspect(keeps).state() == ContainerState.NOT_FOUND);
    assertThat(restarted.inspect(keeps).message()).startsWith("ExitCodeUnknown");
  }

  @Test
  void aBundleLeftByAStartThatStoppedHalfWayIsRemovedWhenTheDriverOpens() throws IOException {
    runtime.close();
    Path debris = dataDir.resolve("bundles").resolve("half-way");
    Files.createDirectories(debris.resolve("upper"));
    Files.writeString(debris.resolve("config.json"), "{\"ociVersion\": \"1.0"); // torn
    Path legacy = dataDir.resolve("bundles").resolve("older");
    Files.createDirectories(legacy);
    Files.writeString(
        legacy.resolve("container.json"),
        "{\"containerId\":\"older-0000abcd\",\"instanceId\":\"older\",\"cgroupsPath\":\"/x\","
            + "\"rootfs\":\"overlay\",\"createdAt\":\"2026-01-01T00:00:00Z\"}");

    OciRuntime reopened = open(OciTestSupport.config(dataDir));

    assertThat(debris).doesNotExist();
    assertThat(legacy).isDirectory(); // an earlier aino's record is still understood
    assertThat(reopened.list()).extracting(ContainerHandle::containerId).contains("older-0000abcd");
    ContainerHandle handle = reopened.start(spec("half-way", List.of("echo", "again")));
    Await.until(
        "the new container's output",
        () -> reopened.logs(handle, LogQuery.all()).text().equals("again\n"));
  }

  @Test
  void whereOverlayfsCannotBeMountedContainersRunOnACopy() {
    // overlayfs cannot take a ':' in its layer paths, so the start-up probe fails for real here.
    OciRuntime copying = open(OciTestSupport.config(dir.resolve("copy:data")));
    assertThat(copying.rootfsMode()).isEqualTo("copy");

    ContainerHandle handle =
        copying.start(spec("copy-echo", List.of("sh", "-c", "echo copied > /f; cat /f")));

    assertThat(awaitEnd(copying, handle).exitCode()).isZero();
    assertThat(copying.logs(handle, LogQuery.all()).text()).isEqualTo("copied\n");
    assertThat(image.resolve("f")).doesNotExist();
    copying.destroy(handle);
    assertThat(copying.list()).isEmpty();
  }

  @Test
  void writesGoToTheContainersUpperLayerNotTheImage() {
    ContainerHandle handle =
        runtime.start(spec("overlay-write", List.of("sh", "-c", "echo x > /bin/new; rm /bin/cat")));

    assertThat(awaitEnd(handle).exitCode()).isZero();
    assertThat(image.resolve("bin/new")).doesNotExist();
    assertThat(image.resolve("bin/cat")).isSymbolicLink();
  }

  private OciRuntime open(OciRuntimeConfig config) {
    OciRuntime opened = OciRuntime.open(config, images);
    this.opened.add(opened);
    return opened;
  }

  private ContainerSpec spec(String instanceId, List<String> argv) {
    return OciTestSupport.spec(image, instanceId, argv, 64);
  }

  private ContainerStatus awaitEnd(ContainerHandle handle) {
    return awaitEnd(runtime, handle);
  }

  private static ContainerStatus awaitEnd(OciRuntime runtime, ContainerHandle handle) {
    return Await.value(
        "the end of " + handle,
        Await.DEFAULT_TIMEOUT,
        () -> {
          ContainerStatus status = runtime.inspect(handle);
          return status.hasEnded() ? status : null;
        },
        () -> runtime.inspect(handle));
  }

  private void awaitState(ContainerHandle handle, ContainerState state) {
    Await.value(
        handle + " to be " + state,
        Await.DEFAULT_TIMEOUT,
        () -> runtime.inspect(handle).state() == state ? Boolean.TRUE : null,
        () -> runtime.inspect(handle));
  }

  private List<String> texts(ContainerHandle handle) {
    return runtime.logs(handle, LogQuery.all()).lines().stream().map(LogLine::text).toList();
  }

  private long initPid(ContainerHandle handle) throws IOException {
    return Long.parseLong(
        Files.readString(
                dataDir.resolve("bundles").resolve(handle.instanceId()).resolve("init.pid"))
            .trim());
  }

  private long processCount(ContainerHandle handle) {
    return runtime.stats(handle).pids();
  }

  /** Runs runc by hand on aino's root, as an operator (or a crash) would. */
  private String runc(String... args) {
    List<String> argv =
        new ArrayList<>(List.of("runc", "--root", dataDir.resolve("runtime/runc").toString()));
    argv.addAll(List.of(args));
    try {
      Process process = new ProcessBuilder(argv).redirectErrorStream(true).start();
      String out = new String(process.getInputStream().readAllBytes());
      process.waitFor();
      return out;
    } catch (IOException e) {
      throw new AssertionError("cannot run runc: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}

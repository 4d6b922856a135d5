package dev.aino.runtime.oci;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aino.model.NetworkMode;
import dev.aino.runtime.ContainerHandle;
import dev.aino.runtime.ContainerSpec;
import dev.aino.runtime.ContainerState;
import dev.aino.runtime.ContainerStatus;
import dev.aino.runtime.ExecResult;
import dev.aino.testing.Await;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code init: true} on real runc: aino-init as PID 1 forwards the stop signal to a program that
 * has no handler of its own, reaps orphans, and passes the program's exit code on.
 */
class OciInitTest {
  @TempDir Path dir;
  private Path image;
  private OciRuntime runtime;

  @BeforeEach
  void open() throws IOException {
    OciTestSupport.requirePrerequisites();
    image = BusyboxImages.buildBusybox(dir.resolve("image"));
    runtime = OciRuntime.open(OciTestSupport.config(dir.resolve("data")), new BusyboxImages());
  }

  @AfterEach
  void close() {
    if (runtime != null) {
      runtime.list().forEach(runtime::destroy);
      runtime.close();
    }
  }

  @AfterAll
  static void removeCgroupParent() throws IOException {
    OciTestSupport.removeCgroupParent();
  }

  private ContainerSpec spec(String id, boolean init, String... argv) {
    ContainerSpec plain = OciTestSupport.spec(image, id, List.of(argv), 64);
    return new ContainerSpec(
        plain.instanceId(),
        plain.workload(),
        plain.image(),
        plain.command(),
        plain.args(),
        plain.env(),
        plain.resources(),
        plain.hostname(),
        plain.restartCount(),
        init,
        NetworkMode.HOST,
        List.of());
  }

  private ContainerHandle running(ContainerSpec spec) {
    ContainerHandle handle = runtime.start(spec);
    Await.until(
        handle + " to run", () -> runtime.inspect(handle).state() == ContainerState.RUNNING);
    return handle;
  }

  /** How long stopping takes with a grace period of {@code grace}. */
  private Duration stopTime(ContainerHandle handle, Duration grace) {
    long before = System.nanoTime();
    runtime.stop(handle, grace);
    return Duration.ofNanos(System.nanoTime() - before);
  }

  @Test
  void sleepUnderInitStopsAtOnceWhileAsPid1ItWaitsForTheGracePeriod() {
    ContainerHandle alone = running(spec("sleep-alone", false, "sleep", "3600"));
    // PID 1 without a handler ignores SIGTERM: only the SIGKILL after the grace period ends it.
    assertThat(stopTime(alone, Duration.ofSeconds(2)))
        .isGreaterThanOrEqualTo(Duration.ofSeconds(2));

    ContainerHandle underInit = running(spec("sleep-init", true, "sleep", "3600"));
    assertThat(stopTime(underInit, Duration.ofSeconds(10))).isLessThan(Duration.ofSeconds(1));
    ContainerStatus status = runtime.inspect(underInit);
    assertThat(status.hasEnded()).isTrue();
    assertThat(status.exitCode()).isEqualTo(128 + 15); // sleep ended by the forwarded SIGTERM
  }

  @Test
  void theProgramsExitCodeIsTheContainers() {
    ContainerHandle handle = runtime.start(spec("exit-code", true, "sh", "-c", "exit 7"));
    ContainerStatus status =
        Await.value(
            handle + " to end",
            () -> {
              ContainerStatus s = runtime.inspect(handle);
              return s.hasEnded() ? s : null;
            });
    assertThat(status.exitCode()).isEqualTo(7);
  }

  @Test
  void orphansAreReapedUnderInitAndStayZombiesUnderAProgramThatNeverWaits() {
    // The subshell starts a short sleep and exits: the sleep is orphaned to PID 1, which is
    // aino-init, or else the long sleep that the shell became.
    String orphaning = "(sleep 1 &); exec sleep 3600";
    ContainerHandle underInit = running(spec("orphans-init", true, "sh", "-c", orphaning));
    ContainerHandle alone = running(spec("orphans-alone", false, "sh", "-c", orphaning));

    Await.until("the orphan under sleep to be a zombie", () -> zombies(alone) == 1);
    assertThat(zombies(underInit)).isZero();
    assertThat(processStates(underInit)).hasSize(2); // aino-init and sleep 3600, nothing more
  }

  /** The state letters of the container's processes (but the reading cat and its shell). */
  private List<String> processStates(ContainerHandle handle) {
    ExecResult ps =
        runtime.exec(
            handle,
            List.of("sh", "-c", "for f in /proc/[0-9]*/stat; do echo $(cat $f); done"),
            Duration.ofSeconds(10));
    assertThat(ps.exitCode()).as(ps.stderr()).isZero();
    return Arrays.stream(ps.stdout().split("\n"))
        .filter(line -> !line.isBlank())
        .filter(line -> !line.contains("(sh)") && !line.contains("(cat)"))
        .map(line -> line.substring(line.lastIndexOf(')') + 2, line.lastIndexOf(')') + 3))
        .toList();
  }

  private long zombies(ContainerHandle handle) {
    return processStates(handle).stream().filter("Z"::equals).count();
  }
}

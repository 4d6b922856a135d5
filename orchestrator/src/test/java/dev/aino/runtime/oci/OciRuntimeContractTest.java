package dev.aino.runtime.oci;

import dev.aino.runtime.AbstractContainerRuntimeContractTest;
import dev.aino.runtime.ContainerRuntime;
import dev.aino.runtime.ContainerSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.io.TempDir;

/** The runtime contract, with real containers run by runc from a busybox image. */
class OciRuntimeContractTest extends AbstractContainerRuntimeContractTest {
  private static final String STOPS_ON_TERM = "trap 'exit 143' TERM; ";

  @TempDir Path dir;
  private final BusyboxImages images = new BusyboxImages();
  private Path image;

  @Override
  protected ContainerRuntime newRuntime() throws IOException {
    OciTestSupport.requirePrerequisites();
    image = BusyboxImages.buildBusybox(dir.resolve("image"));
    return OciRuntime.open(OciTestSupport.config(dir.resolve("data")), images);
  }

  @Override
  protected ContainerRuntime reopen(ContainerRuntime runtime) {
    runtime.close();
    return OciRuntime.open(OciTestSupport.config(dir.resolve("data")), images);
  }

  @Override
  protected ContainerSpec spec(String instanceId, List<String> argv) {
    return OciTestSupport.spec(image, instanceId, argv, 64);
  }

  @Override
  protected ContainerSpec unstartable(String instanceId) {
    return spec(instanceId, List.of("no-such-binary"));
  }

  /**
   * Traps SIGTERM and exits 143, as well-behaved servers do. A program without a handler would not
   * do: as PID 1 of its PID namespace, a process ignores every signal it installed no handler for
   * (the kernel protects a namespace's init), so a plain {@code sleep} survives SIGTERM in any OCI
   * container and only SIGKILL ends it, exactly as with {@code docker stop}.
   */
  @Override
  protected ContainerSpec stopsOnSigterm(String instanceId) {
    return spec(instanceId, List.of("sh", "-c", STOPS_ON_TERM + "echo ready; sleep 3600 & wait"));
  }

  /** Stops on SIGTERM too (see {@link #stopsOnSigterm}), so tests that stop it are quick. */
  @Override
  protected ContainerSpec longRunning(String instanceId) {
    return spec(instanceId, List.of("sh", "-c", STOPS_ON_TERM + "sleep 3600 & wait"));
  }

  @AfterAll
  static void removeCgroupParent() throws IOException {
    OciTestSupport.removeCgroupParent();
  }
}

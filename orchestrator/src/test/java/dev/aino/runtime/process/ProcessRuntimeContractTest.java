package dev.aino.runtime.process;

import static org.assertj.core.api.Assertions.fail;

import dev.aino.model.ImageReference;
import dev.aino.model.Instance;
import dev.aino.model.NetworkMode;
import dev.aino.model.Resources;
import dev.aino.runtime.AbstractContainerRuntimeContractTest;
import dev.aino.runtime.ContainerRuntime;
import dev.aino.runtime.ContainerSpec;
import dev.aino.runtime.host.LogLimits;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;

/** The runtime contract, with real host processes run from the host's {@code sh}. */
class ProcessRuntimeContractTest extends AbstractContainerRuntimeContractTest {
  @TempDir Path dir;

  /** The config every test uses: logs collected every 20 ms so tests need not wait long. */
  static ProcessRuntimeConfig config(Path dataDir) {
    LogLimits limits = LogLimits.defaults();
    return new ProcessRuntimeConfig(
        dataDir,
        new LogLimits(
            limits.fileBytes(),
            limits.files(),
            limits.rawBytes(),
            limits.maxLineBytes(),
            Duration.ofMillis(20)));
  }

  /** A spec running {@code argv} on the host; the image is there only because specs need one. */
  static ContainerSpec hostSpec(String instanceId, List<String> argv, Map<String, String> env) {
    if (!Files.isExecutable(Path.of("/bin/sh"))) {
      fail("the process runtime tests run host commands through /bin/sh, which is missing");
    }
    return new ContainerSpec(
        instanceId,
        Instance.workloadOf(instanceId),
        ImageReference.parse("image", "rootfs:/ignored"),
        argv,
        List.of(),
        env,
        Resources.of(100, 64),
        null,
        0,
        false,
        NetworkMode.HOST,
        List.of());
  }

  @Override
  protected ContainerRuntime newRuntime() {
    return ProcessRuntime.open(config(dir));
  }

  @Override
  protected ContainerRuntime reopen(ContainerRuntime runtime) {
    runtime.close();
    return ProcessRuntime.open(config(dir));
  }

  @Override
  protected ContainerSpec spec(String instanceId, List<String> argv) {
    return hostSpec(instanceId, argv, Map.of());
  }

  @Override
  protected ContainerSpec unstartable(String instanceId) {
    return spec(instanceId, List.of("no-such-binary-of-aino"));
  }
}

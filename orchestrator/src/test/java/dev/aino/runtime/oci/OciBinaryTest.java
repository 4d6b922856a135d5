package dev.aino.runtime.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aino.error.RuntimeFailureException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OciBinaryTest {
  @TempDir Path scratch;

  @Test
  void autoFindsAnInstalledRuntimeAndItsVersion() {
    OciTestSupport.requirePrerequisites();

    OciBinary binary = OciBinary.detect("auto", scratch);

    assertThat(OciBinary.AUTO_ORDER).contains(binary.name());
    assertThat(binary.version()).matches("\\d+\\.\\d+.*");
  }

  @Test
  void aMissingRuntimeSaysWhatToInstall() {
    assertThatThrownBy(() -> OciBinary.detect("no-such-runtime", scratch))
        .isInstanceOf(RuntimeFailureException.class)
        .hasMessageContaining("no-such-runtime")
        .hasMessageContaining("apt-get install runc");
  }

  @Test
  void runtimeMessagesAreUnwrapped() {
    assertThat(
            OciMessages.lastError(
                "time=\"2026-01-01T00:00:00Z\" level=error msg=\"container \\\"x\\\" does not"
                    + " exist\""))
        .isEqualTo("container \"x\" does not exist");
    assertThat(
            OciMessages.lastError(
                "{\"level\":\"info\",\"msg\":\"starting\"}\n"
                    + "{\"level\":\"error\",\"msg\":\"exec: not found\"}\n"))
        .isEqualTo("exec: not found");
    assertThat(OciMessages.lastError("plain failure\n")).isEqualTo("plain failure");
  }
}

package dev.aino.testing.registry;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The registry harness says what to install when the binary is missing. */
class RegistryServerTest {
  @TempDir Path dir;

  @Test
  void withoutABinaryItFailsSayingWhatToInstall() {
    assertThatThrownBy(
            () -> RegistryServer.locateBinary(dir.resolve("docker-registry"), dir.toString()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "docker-registry not found: install Debian's docker-registry"
                + " (apt-get install -y docker-registry)");
  }
}

package dev.aino.testing.etcd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finding the binary; running, stopping and restarting is exercised by the store's tests. */
class EtcdServerTest {
  @TempDir Path dir;

  @Test
  void withoutABinaryItFailsSayingWhatToInstall() {
    assertThatThrownBy(() -> EtcdServer.locateBinary(null, dir.resolve("etcd"), dir.toString()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "etcd not found: install Debian's etcd-server (apt-get install -y etcd-server)");
  }

  @Test
  void theEnvironmentOverrideMustExist() {
    assertThatThrownBy(
            () -> EtcdServer.locateBinary("/nowhere/etcd", dir.resolve("etcd"), dir.toString()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("AINO_ETCD_BIN=/nowhere/etcd")
        .hasMessageContaining("apt-get install -y etcd-server");
  }

  @Test
  void theOverrideComesFirstThenTheUsualPlaceThenThePath() throws Exception {
    Path override = executable("override-etcd");
    Path usual = executable("usual-etcd");
    Path onPath = Files.createDirectory(dir.resolve("bin"));
    Path found = Files.copy(usual, onPath.resolve("etcd"));
    assertThat(EtcdServer.locateBinary(override.toString(), usual, onPath.toString()))
        .isEqualTo(override);
    assertThat(EtcdServer.locateBinary(null, usual, onPath.toString())).isEqualTo(usual);
    assertThat(EtcdServer.locateBinary(" ", dir.resolve("none"), "/nowhere:" + onPath))
        .isEqualTo(found);
  }

  @Test
  void theExtensionGivesAFreshNamespaceEachTime() {
    EtcdExtension extension = new EtcdExtension();
    assertThat(extension.newNamespace())
        .matches("/aino-test-\\d+/v1/")
        .isNotEqualTo(extension.newNamespace());
  }

  private Path executable(String name) throws Exception {
    Path p = Files.writeString(dir.resolve(name), "#!/bin/sh\n");
    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    return p;
  }
}

package dev.aino.testing.etcd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Finding the binary, and a server injected by the extension that keeps its data over a restart.
 */
@ExtendWith(EtcdExtension.class)
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

  @Test
  void aRestartKeepsTheEndpointAndTheData(EtcdServer server) throws Exception {
    assertThat(server.endpoint()).matches("http://127\\.0\\.0\\.1:\\d+");
    assertThat(server.isRunning()).isTrue();
    String endpoint = server.endpoint();
    ByteSequence key = ByteSequence.from("/k", StandardCharsets.UTF_8);
    try (Client client = Client.builder().endpoints(endpoint).build()) {
      client.getKVClient().put(key, key).get(10, TimeUnit.SECONDS);
    }
    server.stop();
    assertThat(server.isRunning()).isFalse();
    server.start();
    assertThat(server.endpoint()).isEqualTo(endpoint);
    try (Client client = Client.builder().endpoints(endpoint).build()) {
      assertThat(client.getKVClient().get(key).get(10, TimeUnit.SECONDS).getKvs()).hasSize(1);
    }
    assertThat(Files.readString(server.logFile())).isNotEmpty();
  }

  private Path executable(String name) throws Exception {
    Path p = Files.writeString(dir.resolve(name), "#!/bin/sh\n");
    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    return p;
  }
}

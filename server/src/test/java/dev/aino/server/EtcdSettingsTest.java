package dev.aino.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aino.error.ValidationException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EtcdSettingsTest {
  @TempDir Path tmp;

  @Test
  void defaultsToALocalEtcd() {
    assertThat(new EtcdSettings(null, null, null).endpoints())
        .containsExactly("http://127.0.0.1:2379");
  }

  @Test
  void refusesEndpointsThatAreNotHttpUrls() {
    assertThatThrownBy(() -> new EtcdSettings(List.of("127.0.0.1:2379"), null, null))
        .isInstanceOf(ValidationException.class)
        .hasMessage("--etcd-endpoints: must be an http:// or https:// URL, got \"127.0.0.1:2379\"");
  }

  @Test
  void userAndPasswordFileGoTogether() throws Exception {
    Path file = Files.writeString(tmp.resolve("pw"), "hunter2\n");

    assertThatThrownBy(() -> new EtcdSettings(null, "root", null))
        .hasMessageStartingWith("--etcd-password-file: is required");
    assertThatThrownBy(() -> new EtcdSettings(null, null, file))
        .hasMessageStartingWith("--etcd-user: is required");
    assertThat(new EtcdSettings(null, "root", file).password()).isEqualTo("hunter2");
  }

  @Test
  void refusesAnUnreadablePasswordFile() {
    assertThatThrownBy(() -> new EtcdSettings(null, "root", tmp.resolve("missing")))
        .isInstanceOf(ValidationException.class)
        .hasMessageStartingWith("--etcd-password-file: cannot read");
  }
}

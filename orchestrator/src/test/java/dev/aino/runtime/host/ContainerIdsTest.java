package dev.aino.runtime.host;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aino.runtime.ContainerHandle;
import org.junit.jupiter.api.Test;

class ContainerIdsTest {
  @Test
  void aNewIdNamesItsInstanceAndReadsBack() {
    ContainerHandle handle = ContainerIds.newHandle("runc", "web-1");

    assertThat(handle.runtime()).isEqualTo("runc");
    assertThat(handle.instanceId()).isEqualTo("web-1");
    assertThat(handle.containerId()).matches("web-1-[0-9a-f]{8}");
    assertThat(ContainerIds.instanceOf(handle.containerId())).contains("web-1");
    assertThat(ContainerIds.issuedFor("web-1", handle.containerId())).isTrue();
    assertThat(ContainerIds.newHandle("runc", "web-1").containerId())
        .isNotEqualTo(handle.containerId());
  }

  @Test
  void anIdOfAnotherFormOrOfAnotherInstanceWasNotIssuedForIt() {
    assertThat(ContainerIds.issuedFor("web-2", "web-1-0a1b2c3d")).isFalse();
    assertThat(ContainerIds.issuedFor("web", "web-1-0a1b2c3d")).isFalse(); // a prefix is not it
    assertThat(ContainerIds.issuedFor("web-1", "web-1-anything")).isFalse();
    assertThat(ContainerIds.issuedFor("web-1", "web-1-0A1B2C3D")).isFalse();
    assertThat(ContainerIds.issuedFor(null, "web-1-0a1b2c3d")).isFalse();
    assertThat(ContainerIds.instanceOf(null)).isEmpty();
    assertThat(ContainerIds.instanceOf("sim-1")).isEmpty();
  }

  @Test
  void anIdWhoseInstancePartIsNoInstanceIdIsRefusedSoItNeverReachesAPath() {
    assertThat(ContainerIds.instanceOf("../../etc-0a1b2c3d")).isEmpty();
    assertThat(ContainerIds.instanceOf("a/b-0a1b2c3d")).isEmpty();
    assertThat(ContainerIds.instanceOf("-0a1b2c3d")).isEmpty();
    assertThat(ContainerIds.issuedFor("../x", "../x-0a1b2c3d")).isFalse();
  }
}

package dev.aino.runtime.oci;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SyscallMounterTest extends MounterContractTest {
  @Override
  protected Mounter newMounter() {
    return SyscallMounter.load().orElseThrow(() -> new AssertionError("libc did not load"));
  }

  @Override
  protected String missingLayerReason() {
    return "No such file or directory (a layer, the upper or work directory, or the mount point";
  }

  @Test
  void theHostMounterIsTheSystemCalls() {
    assertThat(Mounter.forHost(null).name()).isEqualTo("mount(2)");
  }
}

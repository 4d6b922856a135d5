package dev.aino.runtime.oci;

import dev.aino.runtime.host.HostCommand;
import java.time.Duration;

class CommandMounterTest extends MounterContractTest {
  @Override
  protected Mounter newMounter() {
    return new CommandMounter(new HostCommand(dir.resolve("scratch")), Duration.ofSeconds(10));
  }

  /** util-linux words ENOENT from an overlay as if the source were missing. */
  @Override
  protected String missingLayerReason() {
    return "special device overlay does not exist";
  }
}

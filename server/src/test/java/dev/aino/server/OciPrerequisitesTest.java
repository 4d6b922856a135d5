package dev.aino.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aino.error.ErrorCode;
import dev.aino.error.ValidationException;
import dev.aino.runtime.oci.OciBinary;
import java.nio.file.Path;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code aino up} says when an OCI runtime cannot run containers on the host. */
class OciPrerequisitesTest {
  private static final OciBinary RUNC = new OciBinary("runc", Path.of("/usr/sbin/runc"), "1.1.5");

  @TempDir Path scratch;

  @Test
  void aMissingBinaryIsASettingErrorThatNamesWhatToInstallAndTheAlternatives() {
    Path missing = scratch.resolve("no-such/runc");

    assertThatThrownBy(
            () ->
                OciPrerequisites.check(
                    RuntimeKind.RUNC,
                    () -> OciBinary.detect(missing.toString(), scratch),
                    OptionalInt.of(0)))
        .isInstanceOfSatisfying(
            ValidationException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
        .hasMessageStartingWith("--runtime: runc cannot run containers here: ")
        .hasMessageContaining(missing.toString())
        .hasMessageContaining("apt-get install runc")
        .hasMessageContaining("--runtime process")
        .hasMessageContaining("--runtime simulated")
        .hasMessageNotContaining("\n");
  }

  @Test
  void aUserOtherThanRootIsRefusedWithTheAlternatives() {
    assertThatThrownBy(
            () -> OciPrerequisites.check(RuntimeKind.AUTO, () -> RUNC, OptionalInt.of(1000)))
        .isInstanceOf(ValidationException.class)
        .hasMessage(
            "--runtime: auto cannot run containers here: runc containers need root (overlay"
                + " mounts, cgroups; aino has no rootless mode yet), but aino runs as uid 1000;"
                + " run aino up as root, "
                + OciPrerequisites.ALTERNATIVES);
  }

  @Test
  void rootWithABinaryPasses() {
    assertThat(OciPrerequisites.check(RuntimeKind.AUTO, () -> RUNC, OptionalInt.of(0)))
        .isEqualTo(RUNC);
  }

  @Test
  void anUnknownUserIsLeftToTheRuntime() {
    assertThat(OciPrerequisites.check(RuntimeKind.RUNC, () -> RUNC, OptionalInt.empty()))
        .isEqualTo(RUNC);
  }
}

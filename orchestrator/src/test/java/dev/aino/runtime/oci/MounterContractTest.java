package dev.aino.runtime.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every {@link Mounter} does, with real overlay mounts (root only, as every OCI test): the
 * same assertions for the system calls and for the commands.
 */
abstract class MounterContractTest {
  @TempDir Path dir;

  private Mounter mounter;
  private Path lower;
  private Path upper;
  private Path work;
  private Path target;

  protected abstract Mounter newMounter();

  /** What this mounter's message says when a layer directory is missing. */
  protected abstract String missingLayerReason();

  @BeforeAll
  static void prerequisites() {
    OciTestSupport.requirePrerequisites();
  }

  @BeforeEach
  void layout() throws IOException {
    mounter = newMounter();
    lower = Files.createDirectories(dir.resolve("lower"));
    upper = Files.createDirectories(dir.resolve("upper"));
    work = Files.createDirectories(dir.resolve("work"));
    target = Files.createDirectories(dir.resolve("rootfs"));
    Files.writeString(lower.resolve("from-image"), "layer");
  }

  @AfterEach
  void unmountLeftovers() throws Exception {
    while (MountTable.isMountPoint(target)) {
      mounter.unmount(target, true);
    }
  }

  @Test
  void anOverlayShowsTheLayerAndKeepsWritesInTheUpperDirectory() throws Exception {
    mounter.mountOverlay(options(), target);

    assertThat(MountTable.isMountPoint(target)).isTrue();
    assertThat(Files.readString(target.resolve("from-image"))).isEqualTo("layer");
    Files.writeString(target.resolve("from-container"), "written");
    assertThat(upper.resolve("from-container")).hasContent("written");
    assertThat(lower.resolve("from-container")).doesNotExist();

    mounter.unmount(target, false);
    assertThat(MountTable.isMountPoint(target)).isFalse();
    assertThat(target.resolve("from-image")).doesNotExist();
  }

  @Test
  void aMissingLayerIsRefusedWithAReason() {
    String options =
        "lowerdir=" + dir.resolve("no-such-layer") + ",upperdir=" + upper + ",workdir=" + work;

    assertThatThrownBy(() -> mounter.mountOverlay(options, target))
        .isInstanceOf(Mounter.MountException.class)
        .hasMessageContaining(missingLayerReason());
    assertThat(MountTable.isMountPoint(target)).isFalse();
  }

  @Test
  void aBusyMountIsRefusedUnlessDetachedLazily() throws Exception {
    mounter.mountOverlay(options(), target);
    try (FileChannel open =
        FileChannel.open(target.resolve("from-image"), StandardOpenOption.READ)) {
      assertThatThrownBy(() -> mounter.unmount(target, false))
          .isInstanceOf(Mounter.MountException.class)
          .hasMessageContaining("busy");

      mounter.unmount(target, true);
      assertThat(MountTable.isMountPoint(target)).isFalse();
      assertThat(open.size()).as("the open file still reads").isEqualTo(5);
    }
  }

  @Test
  void unmountingWhatIsNotMountedFails() {
    assertThatThrownBy(() -> mounter.unmount(target, false))
        .isInstanceOf(Mounter.MountException.class);
  }

  private String options() {
    return "lowerdir=" + lower + ",upperdir=" + upper + ",workdir=" + work;
  }
}

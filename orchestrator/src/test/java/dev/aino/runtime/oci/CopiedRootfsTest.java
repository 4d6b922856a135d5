package dev.aino.runtime.oci;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CopiedRootfsTest {
  @TempDir Path dir;

  @Test
  void layersAreCopiedLowestFirstHonouringWhiteouts() throws Exception {
    OciTestSupport.requirePrerequisites(); // mknod and chown need root
    Path lower = dir.resolve("lower");
    write(lower.resolve("bin/a"), "a");
    write(lower.resolve("etc/gone"), "x");
    write(lower.resolve("etc/kept"), "lower");
    write(lower.resolve("data/old"), "old");
    Files.createSymbolicLink(lower.resolve("bin/link"), Path.of("a"));
    Files.setAttribute(lower.resolve("etc/kept"), "unix:uid", 1234);
    Path upper = dir.resolve("upper");
    write(upper.resolve("bin/.wh.a"), "");
    write(upper.resolve("etc/kept"), "upper");
    Files.setAttribute(upper.resolve("etc/kept"), "unix:uid", 4321);
    mknodWhiteout(upper.resolve("etc/gone"));
    write(upper.resolve("data/.wh..wh..opq"), "");
    write(upper.resolve("data/new"), "new");
    Bundle bundle = new Bundle(dir.resolve("bundle"));

    new CopiedRootfs().build(bundle, List.of(lower, upper), "test");

    Path root = bundle.rootfs();
    assertThat(root.resolve("bin/a")).doesNotExist();
    assertThat(Files.readSymbolicLink(root.resolve("bin/link"))).isEqualTo(Path.of("a"));
    assertThat(root.resolve("etc/gone")).doesNotExist();
    assertThat(root.resolve("etc/kept")).hasContent("upper");
    assertThat(Files.getAttribute(root.resolve("etc/kept"), "unix:uid")).isEqualTo(4321);
    assertThat(root.resolve("data/old")).doesNotExist();
    assertThat(root.resolve("data/new")).hasContent("new");
    assertThat(root.resolve("data/.wh..wh..opq")).doesNotExist();
    assertThat(Files.exists(lower.resolve("bin/a"), LinkOption.NOFOLLOW_LINKS)).isTrue();
  }

  private static void write(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }

  /** An overlayfs whiteout: a character device 0/0. */
  private static void mknodWhiteout(Path path) throws Exception {
    Process mknod = new ProcessBuilder("mknod", path.toString(), "c", "0", "0").inheritIO().start();
    assertThat(mknod.waitFor()).as("mknod exit code").isZero();
  }
}

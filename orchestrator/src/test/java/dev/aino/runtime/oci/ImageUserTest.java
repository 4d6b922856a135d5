package dev.aino.runtime.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aino.error.RuntimeFailureException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageUserTest {
  @TempDir Path dir;
  private Path base;
  private Path top;

  @BeforeEach
  void layers() throws IOException {
    base = Files.createDirectories(dir.resolve("base/etc"));
    Files.writeString(base.resolve("passwd"), "root:x:0:0::/root:/bin/sh\nold:x:7:7::/:/bin/sh\n");
    Files.writeString(base.resolve("group"), "root:x:0:\nstaff:x:50:\n");
    top = Files.createDirectories(dir.resolve("top/etc"));
    Files.writeString(
        top.resolve("passwd"), "root:x:0:0::/root:/bin/sh\napp:x:1000:1001::/home/app:/bin/sh\n");
  }

  @Test
  void emptyIsRoot() {
    assertThat(resolve("")).isEqualTo(ImageUser.ROOT);
  }

  @Test
  void numbersAreTakenAsTheyAreAndAKnownUidBringsItsGroup() {
    assertThat(resolve("1000")).isEqualTo(new ImageUser(1000, 1001));
    assertThat(resolve("4242")).isEqualTo(new ImageUser(4242, 0));
    assertThat(resolve("4242:77")).isEqualTo(new ImageUser(4242, 77));
  }

  @Test
  void namesAreLookedUpInTheHighestLayerThatHasTheFile() {
    assertThat(resolve("app")).isEqualTo(new ImageUser(1000, 1001));
    assertThat(resolve("app:staff")).isEqualTo(new ImageUser(1000, 50)); // group from the base
    assertThatThrownBy(() -> resolve("old")) // hidden by the top layer's passwd
        .isInstanceOf(RuntimeFailureException.class)
        .hasMessageContaining("\"old\"")
        .hasMessageContaining("/etc/passwd")
        .hasMessageContaining("instance web-1");
  }

  @Test
  void anUnknownGroupFails() {
    assertThatThrownBy(() -> resolve("app:wheel"))
        .isInstanceOf(RuntimeFailureException.class)
        .hasMessageContaining("group \"wheel\"");
  }

  @Test
  void aWhiteoutDeletesTheFile() throws IOException {
    Path upper = Files.createDirectories(dir.resolve("upper/etc"));
    Files.writeString(upper.resolve(".wh.passwd"), "");

    assertThatThrownBy(
            () ->
                ImageUser.resolve(
                    "app", List.of(base.getParent(), top.getParent(), upper.getParent()), "x"))
        .hasMessageContaining("the image has no /etc/passwd");
  }

  private ImageUser resolve(String user) {
    return ImageUser.resolve(user, List.of(base.getParent(), top.getParent()), "instance web-1");
  }
}

package dev.aino.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aino.error.ValidationException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirectoryTest {
  @TempDir Path tmp;

  @Test
  void ainoDataDirComesFirst() {
    Map<String, String> env = Map.of("AINO_DATA_DIR", "/srv/aino", "XDG_DATA_HOME", "/xdg");

    assertThat(DataDirectory.defaultPath(env, "/home/u")).isEqualTo(Path.of("/srv/aino"));
  }

  @Test
  void thenXdgDataHome() {
    Map<String, String> env = Map.of("XDG_DATA_HOME", "/xdg");

    assertThat(DataDirectory.defaultPath(env, "/home/u")).isEqualTo(Path.of("/xdg/aino"));
  }

  @Test
  void aRelativeXdgDataHomeIsIgnoredAsTheSpecSays() {
    Map<String, String> env = Map.of("XDG_DATA_HOME", "relative");

    assertThat(DataDirectory.defaultPath(env, "/home/u"))
        .isEqualTo(Path.of("/home/u/.local/share/aino"));
  }

  @Test
  void elseTheXdgDefault() {
    assertThat(DataDirectory.defaultPath(Map.of(), "/home/u"))
        .isEqualTo(Path.of("/home/u/.local/share/aino"));
  }

  @Test
  void prepareCreatesMissingDirectories() {
    Path dir = tmp.resolve("x/y/z");

    assertThat(DataDirectory.prepare(dir)).isEqualTo(dir.toAbsolutePath());
    assertThat(dir).isDirectory();
  }

  @Test
  void prepareRefusesAFileInTheWay() throws Exception {
    Path file = Files.writeString(tmp.resolve("file"), "x");

    assertThatThrownBy(() -> DataDirectory.prepare(file))
        .isInstanceOf(ValidationException.class)
        .hasMessageStartingWith("--data-dir: cannot use " + file)
        .hasMessageContaining("not a directory");
    assertThatThrownBy(() -> DataDirectory.prepare(file.resolve("below")))
        .isInstanceOf(ValidationException.class)
        .hasMessageStartingWith("--data-dir: cannot use " + file.resolve("below"));
  }
}

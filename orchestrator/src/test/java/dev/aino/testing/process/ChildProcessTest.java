package dev.aino.testing.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChildProcessTest {
  @TempDir Path dir;

  @Test
  void aProgramThatExitsBeforeItAnswersFailsTheWaitWithItsCodeAndOutput() throws Exception {
    Path log = dir.resolve("out.log");
    ChildProcess child =
        ChildProcess.start("sh", new ProcessBuilder("sh", "-c", "echo cannot bind; exit 3"), log);

    assertThatThrownBy(() -> child.awaitReady(Duration.ofSeconds(10), () -> false, () -> read(log)))
        .hasMessageContaining("exited with 3")
        .hasMessageContaining("cannot bind");
  }

  @Test
  void aProgramThatNeverAnswersTimesOutAndStopEndsIt() {
    ChildProcess child =
        ChildProcess.start("sleep", new ProcessBuilder("sleep", "60"), dir.resolve("out.log"));

    assertThatThrownBy(
            () ->
                child.awaitReady(
                    Duration.ofMillis(200),
                    () -> {
                      throw new java.net.ConnectException("not yet");
                    },
                    () -> ""))
        .hasMessageContaining("did not answer within PT0.2S");
    child.stop(Duration.ofSeconds(5));
    assertThat(child.isAlive()).isFalse();
  }

  @Test
  void freePortsAreDistinctLoopbackPorts() {
    List<Integer> ports = ChildProcess.freeLoopbackPorts(3);
    assertThat(ports).doesNotHaveDuplicates().allMatch(p -> p > 0 && p < 65536);
  }

  private static String read(Path log) {
    try {
      return Files.readString(log);
    } catch (java.io.IOException e) {
      return "";
    }
  }
}

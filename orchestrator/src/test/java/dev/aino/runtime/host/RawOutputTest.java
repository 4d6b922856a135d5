package dev.aino.runtime.host;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aino.runtime.LogLine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading the raw files: the copy-truncate boundary and when the offsets survive a restart. */
class RawOutputTest {
  private static final LogLimits LIMITS = new LogLimits(1024, 2, 1024, 1024, Duration.ofMillis(10));
  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

  @TempDir Path dir;

  @Test
  void aFullyReadRawFileIsTruncatedAtTheLimitAndNotAByteBelow() throws IOException {
    RawOutput raw = RawOutput.open(dir, LIMITS);
    append("x".repeat(1022) + "\n"); // 1023 bytes

    assertThat(raw.readNew(NOW, false)).hasSize(1);
    assertThat(Files.size(stdout())).isEqualTo(1023);

    append("\n"); // the 1024th byte: an empty line

    assertThat(texts(raw.readNew(NOW, false))).containsExactly("");
    assertThat(Files.size(stdout())).isZero();
    append("after\n");
    assertThat(texts(raw.readNew(NOW, false))).containsExactly("after");
  }

  @Test
  void anUnfinishedLineKeepsAFullRawFileFromBeingTruncated() throws IOException {
    RawOutput raw = RawOutput.open(dir, LIMITS);
    append("y".repeat(1023) + "\n" + "still writing");

    assertThat(raw.readNew(NOW, false)).hasSize(1);

    assertThat(Files.size(stdout())).isEqualTo(1024 + "still writing".length());
    assertThat(texts(raw.readNew(NOW, true))).containsExactly("still writing");
    assertThat(Files.size(stdout())).isZero();
  }

  @Test
  void whatWasReadIsReadAgainAfterARestartUnlessItsProgressWasSaved() throws IOException {
    RawOutput raw = RawOutput.open(dir, LIMITS);
    append("one\n");
    raw.readNew(NOW, false);

    assertThat(texts(RawOutput.open(dir, LIMITS).readNew(NOW, false))).containsExactly("one");

    raw.saveProgress();

    assertThat(RawOutput.open(dir, LIMITS).readNew(NOW, false)).isEmpty();
  }

  private void append(String text) throws IOException {
    Files.writeString(stdout(), text, StandardOpenOption.APPEND);
  }

  private Path stdout() {
    return dir.resolve("stdout.raw");
  }

  private static List<String> texts(List<LogLine> lines) {
    return lines.stream().map(LogLine::text).toList();
  }
}

package dev.aino.runtime.host;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aino.runtime.LogChunk;
import dev.aino.runtime.LogLine;
import dev.aino.runtime.LogQuery;
import dev.aino.runtime.LogStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rotation boundaries and query windows of the stored log. Every line here is stored as exactly
 * {@value #LINE_BYTES} bytes ({@code 2026-01-01T00:00:NNZ stdout <99 chars>\n}), so eight fill a
 * file of the smallest allowed size, 1024 bytes.
 */
class RotatedLogFilesTest {
  private static final int LINE_BYTES = 128;
  private static final int FILE_BYTES = 1024;
  private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

  @TempDir Path dir;

  @Test
  void aFileIsFilledToTheByteBeforeItRotates() throws IOException {
    RotatedLogFiles log = new RotatedLogFiles(dir, limits(2));
    for (int i = 0; i < 8; i++) {
      log.append(List.of(line(i)));
    }
    assertThat(Files.size(dir.resolve("container.log"))).isEqualTo(FILE_BYTES);
    assertThat(storedFiles()).containsExactly("container.log");

    log.append(List.of(line(8))); // one byte past the limit would already rotate

    assertThat(storedFiles()).containsExactlyInAnyOrder("container.log", "container.log.1");
    assertThat(Files.size(dir.resolve("container.log.1"))).isEqualTo(FILE_BYTES);
    assertThat(Files.size(dir.resolve("container.log"))).isEqualTo(LINE_BYTES);
    assertThat(numbers(log.readAll())).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8);
  }

  @Test
  void aBatchLargerThanAFileGoesWholeIntoAnEmptyOne() throws IOException {
    RotatedLogFiles log = new RotatedLogFiles(dir, limits(2));

    log.append(lines(0, 10));

    assertThat(storedFiles()).containsExactly("container.log");
    assertThat(Files.size(dir.resolve("container.log"))).isEqualTo(10L * LINE_BYTES);

    log.append(List.of(line(10)));

    assertThat(Files.size(dir.resolve("container.log.1"))).isEqualTo(10L * LINE_BYTES);
    assertThat(numbers(log.readAll())).hasSize(11).startsWith(0).endsWith(10);
  }

  @Test
  void withOneFileKeptARotationStartsTheLogOver() throws IOException {
    RotatedLogFiles log = new RotatedLogFiles(dir, limits(1));
    log.append(lines(0, 8));

    log.append(List.of(line(8)));

    assertThat(storedFiles()).containsExactly("container.log");
    assertThat(numbers(log.readAll())).containsExactly(8);
  }

  @Test
  void theOldestGenerationIsDroppedBeyondTheFilesKept() throws IOException {
    RotatedLogFiles log = new RotatedLogFiles(dir, limits(3));
    for (int batch = 0; batch < 4; batch++) {
      log.append(lines(batch * 8, batch * 8 + 8)); // each batch fills a file exactly
    }

    assertThat(storedFiles())
        .containsExactlyInAnyOrder("container.log", "container.log.1", "container.log.2");
    assertThat(numbers(log.readAll())).isEqualTo(IntStream.range(8, 32).boxed().toList());
  }

  @Test
  void aLineTornByACrashIsLeftOutAndTheRestRead() throws IOException {
    RotatedLogFiles log = new RotatedLogFiles(dir, limits(2));
    log.append(List.of(line(0)));
    Files.writeString(dir.resolve("container.log"), "2026-01-01T00:0", StandardOpenOption.APPEND);
    Files.writeString(dir.resolve("container.log"), "\n", StandardOpenOption.APPEND);
    log.append(List.of(line(1)));

    assertThat(numbers(log.readAll())).containsExactly(0, 1);
  }

  @Test
  void streamsAndTextWithSpacesSurviveStorage() throws IOException {
    RotatedLogFiles log = new RotatedLogFiles(dir, limits(2));
    LogLine err = new LogLine(START, LogStream.STDERR, "  two  spaces ");

    log.append(List.of(err, new LogLine(START, LogStream.STDOUT, "")));

    assertThat(log.readAll()).containsExactly(err, new LogLine(START, LogStream.STDOUT, ""));
  }

  @Test
  void queryWindowsReachAcrossRotatedFiles() throws IOException {
    RotatedLogFiles log = new RotatedLogFiles(dir, limits(3));
    for (int i = 0; i < 24; i++) {
      log.append(List.of(line(i))); // lines 0-7 in .2, 8-15 in .1, 16-23 current
    }
    List<LogLine> all = log.readAll();

    LogChunk since = LogChunk.select(all, LogQuery.all().withSince(START.plusSeconds(6)));
    LogChunk tail = LogChunk.select(all, LogQuery.tail(10));
    LogChunk bytes = LogChunk.select(all, LogQuery.all().withMaxBytes(3L * 100));
    LogChunk sinceAndTail =
        LogChunk.select(all, LogQuery.tail(20).withSince(START.plusSeconds(15)));

    assertThat(numbers(since.lines())).isEqualTo(IntStream.range(6, 24).boxed().toList());
    assertThat(since.truncated()).isFalse();
    assertThat(numbers(tail.lines())).isEqualTo(IntStream.range(14, 24).boxed().toList());
    assertThat(tail.truncated()).isTrue();
    assertThat(numbers(bytes.lines())).containsExactly(21, 22, 23); // 100 bytes each as text
    assertThat(bytes.truncated()).isTrue();
    assertThat(numbers(sinceAndTail.lines())).isEqualTo(IntStream.range(15, 24).boxed().toList());
    assertThat(sinceAndTail.truncated()).isFalse();
  }

  /** Line {@code n}: stamped {@code n} seconds after the start, text "NN" padded to 99 chars. */
  private static LogLine line(int n) {
    String text = String.format("%02d", n) + "x".repeat(97);
    return new LogLine(START.plusSeconds(n), LogStream.STDOUT, text);
  }

  private static List<LogLine> lines(int from, int to) {
    List<LogLine> lines = new ArrayList<>();
    for (int i = from; i < to; i++) {
      lines.add(line(i));
    }
    return lines;
  }

  private static List<Integer> numbers(List<LogLine> lines) {
    return lines.stream().map(l -> Integer.parseInt(l.text().substring(0, 2))).toList();
  }

  private static LogLimits limits(int files) {
    return new LogLimits(FILE_BYTES, files, 1024, 1024, Duration.ofMillis(10));
  }

  private List<String> storedFiles() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}

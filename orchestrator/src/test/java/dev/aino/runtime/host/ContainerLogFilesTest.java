package dev.aino.runtime.host;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aino.runtime.LogChunk;
import dev.aino.runtime.LogLine;
import dev.aino.runtime.LogQuery;
import dev.aino.runtime.LogStream;
import dev.aino.runtime.LogSubscription;
import dev.aino.testing.MutableClock;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The log files both host drivers use, fed the way a container feeds them: O_APPEND writes. */
class ContainerLogFilesTest {
  private static final LogLimits SMALL = new LogLimits(1024, 2, 1024, 100, Duration.ofMillis(10));

  @TempDir Path dir;
  private final MutableClock clock = new MutableClock();
  private ContainerLogFiles log;
  private FileOutputStream stdout;
  private FileOutputStream stderr;

  @BeforeEach
  void open() throws IOException {
    log = ContainerLogFiles.open(dir, SMALL, clock, "container c of instance i");
    stdout = new FileOutputStream(dir.resolve("stdout.raw").toFile(), true);
    stderr = new FileOutputStream(dir.resolve("stderr.raw").toFile(), true);
  }

  @AfterEach
  void closeStreams() throws IOException {
    stdout.close();
    stderr.close();
  }

  @Test
  void completeLinesAreStampedWithTheirCollectionTimeAndTagged() throws IOException {
    write(stdout, "one\ntwo\n");
    write(stderr, "oops\n");
    Instant collectedAt = clock.instant();

    LogChunk chunk = log.query(LogQuery.all());

    assertThat(chunk.lines())
        .containsExactly(
            new LogLine(collectedAt, LogStream.STDOUT, "one"),
            new LogLine(collectedAt, LogStream.STDOUT, "two"),
            new LogLine(collectedAt, LogStream.STDERR, "oops"));
  }

  @Test
  void aPartialLineWaitsForItsEndOrForTheContainersEnd() throws IOException {
    write(stdout, "hal");
    assertThat(texts(log.query(LogQuery.all()))).isEmpty();
    write(stdout, "f\nlast words");
    assertThat(texts(log.query(LogQuery.all()))).containsExactly("half");

    log.end();

    assertThat(texts(log.query(LogQuery.all()))).containsExactly("half", "last words");
  }

  @Test
  void longLinesAreSplitAtTheLimit() throws IOException {
    write(stdout, "x".repeat(250) + "\n");

    assertThat(texts(log.query(LogQuery.all())))
        .containsExactly("x".repeat(100), "x".repeat(100), "x".repeat(50));
  }

  @Test
  void storedLogsRotateAndTheOldestAreDropped() throws IOException {
    for (int i = 0; i < 100; i++) {
      write(stdout, String.format("line %03d %s%n", i, "-".repeat(40)));
      clock.advance(Duration.ofMillis(1));
      log.collect();
    }

    List<String> texts = texts(log.query(LogQuery.all()));
    assertThat(texts).last().asString().startsWith("line 099");
    assertThat(texts.size()).isLessThan(100).isGreaterThan(10);
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("container")))
          .containsExactlyInAnyOrder("container.log", "container.log.1");
    }
    assertThat(Files.size(dir.resolve("container.log"))).isLessThanOrEqualTo(1024);
  }

  @Test
  void aFullyCollectedRawFileIsTruncatedAndStillAppendedTo() throws IOException {
    write(stdout, "y".repeat(99).concat("\n").repeat(11)); // 1100 bytes, past the raw limit
    log.collect();
    assertThat(Files.size(dir.resolve("stdout.raw"))).isZero();

    write(stdout, "after\n"); // the writer's O_APPEND descriptor now writes at offset 0

    assertThat(texts(log.query(LogQuery.tail(1)))).containsExactly("after");
  }

  @Test
  void aReopenedLogContinuesWhereTheLastOneStopped() throws IOException {
    write(stdout, "before\n");
    log.collect();
    write(stdout, "while away\n");

    ContainerLogFiles reopened = ContainerLogFiles.open(dir, SMALL, clock, "c");

    assertThat(texts(reopened.query(LogQuery.all()))).containsExactly("before", "while away");
  }

  @Test
  void followersGetTheBacklogThenNewLinesAndEndWithTheContainer() throws IOException {
    write(stdout, "old\n");
    log.collect();
    List<String> seen = new ArrayList<>();
    LogSubscription subscription = log.follow(null, line -> seen.add(line.text()));
    log.deliver();
    write(stdout, "new\n");
    log.collect();
    write(stdout, "final");
    log.end();

    log.deliver();

    assertThat(seen).containsExactly("old", "new", "final");
    assertThat(log.hasFollowers()).isFalse();
    subscription.close(); // idempotent after the end
  }

  @Test
  void followersFromAnInstantSkipOlderLines() throws IOException {
    write(stdout, "early\n");
    log.collect();
    Instant later = clock.advance(Duration.ofSeconds(1));
    write(stdout, "late\n");
    log.collect();
    List<String> seen = new ArrayList<>();

    log.follow(later, line -> seen.add(line.text()));
    log.deliver();

    assertThat(seen).containsExactly("late");
  }

  private static void write(FileOutputStream out, String text) throws IOException {
    out.write(text.getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  private static List<String> texts(LogChunk chunk) {
    return chunk.lines().stream().map(LogLine::text).toList();
  }
}

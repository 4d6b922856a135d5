package dev.aino.runtime.host;

import dev.aino.runtime.LogLine;
import dev.aino.runtime.LogStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * A container's stored lines: {@code <instant> <stream> <text>} lines appended to {@code
 * container.log}, which rotates into {@code container.log.1} and so on before a write would take it
 * past {@link LogLimits#fileBytes}; at most {@link LogLimits#files} files are kept, the oldest
 * dropped.
 *
 * <p>A batch of lines is written whole to one file, so a file exceeds {@code fileBytes} only when
 * it holds a single batch larger than that. Not thread-safe: {@link ContainerLogFiles} calls it
 * under its lock.
 */
final class RotatedLogFiles {
  private static final String CURRENT = "container.log";

  private final Path dir;
  private final long fileBytes;
  private final int files;

  RotatedLogFiles(Path dir, LogLimits limits) {
    this.dir = dir;
    this.fileBytes = limits.fileBytes();
    this.files = limits.files();
  }

  /** Appends {@code lines} to the current file, rotating first when they would not fit. */
  void append(List<LogLine> lines) throws IOException {
    StringBuilder text = new StringBuilder();
    for (LogLine line : lines) {
      text.append(line.timestamp())
          .append(' ')
          .append(line.stream() == LogStream.STDOUT ? "stdout" : "stderr")
          .append(' ')
          .append(line.text())
          .append('\n');
    }
    byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
    Path current = dir.resolve(CURRENT);
    long size = Files.exists(current) ? Files.size(current) : 0;
    if (size > 0 && size + bytes.length > fileBytes) {
      rotate();
    }
    try (OutputStream out =
        Files.newOutputStream(current, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
      out.write(bytes);
    }
  }

  /** Every stored line, oldest first; a line torn by a crash mid-write is left out. */
  List<LogLine> readAll() throws IOException {
    List<LogLine> lines = new ArrayList<>();
    for (int i = files - 1; i >= 1; i--) {
      readInto(rotated(i), lines);
    }
    readInto(dir.resolve(CURRENT), lines);
    return lines;
  }

  /** container.log → .1 → .2 ..., dropping the oldest beyond {@code files}. */
  private void rotate() throws IOException {
    int keep = files - 1;
    if (keep == 0) {
      Files.deleteIfExists(dir.resolve(CURRENT));
      return;
    }
    Files.deleteIfExists(rotated(keep));
    for (int i = keep - 1; i >= 1; i--) {
      if (Files.exists(rotated(i))) {
        Files.move(rotated(i), rotated(i + 1), StandardCopyOption.REPLACE_EXISTING);
      }
    }
    Files.move(dir.resolve(CURRENT), rotated(1), StandardCopyOption.REPLACE_EXISTING);
  }

  private Path rotated(int generation) {
    return dir.resolve(CURRENT + "." + generation);
  }

  private static void readInto(Path file, List<LogLine> lines) throws IOException {
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String text;
      while ((text = reader.readLine()) != null) {
        LogLine line = parse(text);
        if (line != null) {
          lines.add(line);
        }
      }
    } catch (NoSuchFileException e) {
      // not rotated that far yet
    }
  }

  private static LogLine parse(String stored) {
    int first = stored.indexOf(' ');
    int second = first < 0 ? -1 : stored.indexOf(' ', first + 1);
    if (second < 0) {
      return null;
    }
    String stream = stored.substring(first + 1, second);
    try {
      return new LogLine(
          Instant.parse(stored.substring(0, first)),
          stream.equals("stderr") ? LogStream.STDERR : LogStream.STDOUT,
          stored.substring(second + 1));
    } catch (DateTimeParseException e) {
      return null; // a line torn by a crash mid-write
    }
  }
}

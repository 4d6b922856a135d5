package dev.aino.runtime.host;

import dev.aino.runtime.LogLine;
import dev.aino.runtime.LogStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/**
 * Cuts raw container output into {@link LogLine}s: at line breaks, and every {@code maxLineBytes}
 * bytes of a line longer than that, so that one flood without a line break can neither grow a line
 * without bound nor wait forever to be stored.
 */
final class LineSplitter {
  private final int maxLineBytes;

  LineSplitter(int maxLineBytes) {
    this.maxLineBytes = maxLineBytes;
  }

  /**
   * Adds the complete lines in {@code bytes[0, length)} to {@code out}, stamped {@code now}, and
   * pieces of {@code maxLineBytes} of an unfinished one; with {@code everything} (the container has
   * ended), its shorter rest too.
   *
   * @return the bytes consumed: what is left after them is the start of a line still being written
   */
  int split(
      byte[] bytes,
      int length,
      boolean everything,
      LogStream stream,
      Instant now,
      List<LogLine> out) {
    int start = 0;
    for (int i = 0; i < length; i++) {
      if (bytes[i] == '\n') {
        addLine(bytes, start, i, stream, now, out);
        start = i + 1;
      }
    }
    while (length - start >= maxLineBytes) {
      addLine(bytes, start, start + maxLineBytes, stream, now, out);
      start += maxLineBytes;
    }
    if (everything && start < length) {
      addLine(bytes, start, length, stream, now, out);
      start = length;
    }
    return start;
  }

  private void addLine(
      byte[] bytes, int from, int to, LogStream stream, Instant now, List<LogLine> out) {
    do {
      int end = Math.min(to, from + maxLineBytes);
      out.add(
          new LogLine(now, stream, new String(bytes, from, end - from, StandardCharsets.UTF_8)));
      from = end;
    } while (from < to);
  }
}

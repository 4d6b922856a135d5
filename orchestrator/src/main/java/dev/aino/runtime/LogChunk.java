package dev.aino.runtime;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The answer to a {@link LogQuery}: lines oldest first, and whether older matching lines were left
 * out because of the query's line or byte limit.
 *
 * @param lines the selected lines, oldest first
 * @param truncated true when lines at or after {@code since} exist that are not in {@code lines}
 *     (or the oldest line shown was cut to fit {@code maxBytes})
 */
public record LogChunk(List<LogLine> lines, boolean truncated) {
  public LogChunk {
    lines = List.copyOf(lines);
  }

  public static LogChunk empty() {
    return new LogChunk(List.of(), false);
  }

  /**
   * Applies {@code query} to {@code all} (oldest first), for runtimes that hold lines in memory or
   * read them in order: filters by {@code since}, keeps the newest {@code tailLines}, then the
   * newest lines that fit {@code maxBytes}. When not even the newest line fits, its end is kept.
   */
  public static LogChunk select(Iterable<LogLine> all, LogQuery query) {
    int tail = query.tailLines() == null ? Integer.MAX_VALUE : query.tailLines();
    Deque<LogLine> newest = new ArrayDeque<>();
    boolean truncated = false;
    for (LogLine line : all) {
      if (!query.admits(line)) {
        continue;
      }
      newest.addLast(line);
      if (newest.size() > tail) {
        newest.removeFirst();
        truncated = true;
      }
    }
    List<LogLine> kept = new ArrayList<>();
    long bytes = 0;
    while (!newest.isEmpty()) {
      LogLine line = newest.removeLast();
      if (bytes + line.sizeInBytes() > query.maxBytes()) {
        truncated = true;
        if (kept.isEmpty()) {
          kept.add(clipToEnd(line, query.maxBytes() - 1));
        }
        break;
      }
      bytes += line.sizeInBytes();
      kept.add(line);
    }
    Collections.reverse(kept);
    return new LogChunk(kept, truncated);
  }

  /** The lines' text joined by line breaks, each line ending with one. */
  public String text() {
    return lines.stream().map(l -> l.text() + "\n").collect(Collectors.joining());
  }

  /** The line's last {@code maxBytes} bytes, cut at a character boundary. */
  private static LogLine clipToEnd(LogLine line, long maxBytes) {
    byte[] utf8 = line.text().getBytes(StandardCharsets.UTF_8);
    int start = (int) Math.max(0, utf8.length - maxBytes);
    while (start < utf8.length && (utf8[start] & 0xC0) == 0x80) {
      start++; // a UTF-8 continuation byte: move to the start of the next character
    }
    String end = new String(utf8, start, utf8.length - start, StandardCharsets.UTF_8);
    return new LogLine(line.timestamp(), line.stream(), end);
  }
}

package dev.aino.runtime;

import dev.aino.model.Validate;
import java.time.Instant;

/**
 * Which of a container's log lines to return: those at or after {@code since}, of those the last
 * {@code tailLines}, of those the newest that fit in {@code maxBytes}.
 *
 * @param tailLines the most lines to return, counted from the end; null for all
 * @param since only lines written at or after this instant; null for all
 * @param maxBytes the most bytes of text to return (UTF-8, line breaks counted)
 */
public record LogQuery(Integer tailLines, Instant since, long maxBytes) {
  /** 1 MiB: plenty for a person or a model to read, small enough to send anywhere. */
  public static final long DEFAULT_MAX_BYTES = 1024 * 1024;

  /** 16 MiB: the most one query may ask for. */
  public static final long MAX_BYTES = 16 * 1024 * 1024;

  public LogQuery {
    if (tailLines != null) {
      Validate.range("tailLines", tailLines, 0, Integer.MAX_VALUE);
    }
    Validate.range("maxBytes", maxBytes, 1, MAX_BYTES);
  }

  /** Everything, up to {@link #DEFAULT_MAX_BYTES}. */
  public static LogQuery all() {
    return new LogQuery(null, null, DEFAULT_MAX_BYTES);
  }

  /** The last {@code lines} lines, up to {@link #DEFAULT_MAX_BYTES}. */
  public static LogQuery tail(int lines) {
    return new LogQuery(lines, null, DEFAULT_MAX_BYTES);
  }

  public LogQuery withTail(Integer lines) {
    return new LogQuery(lines, since, maxBytes);
  }

  public LogQuery withSince(Instant instant) {
    return new LogQuery(tailLines, instant, maxBytes);
  }

  public LogQuery withMaxBytes(long bytes) {
    return new LogQuery(tailLines, since, bytes);
  }

  /** True when {@code line} is not older than {@link #since}. */
  public boolean admits(LogLine line) {
    return since == null || !line.timestamp().isBefore(since);
  }
}

package dev.aino.runtime;

import dev.aino.model.Validate;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * One line a container wrote, without its line break.
 *
 * @param timestamp when the runtime received it
 * @param stream stdout or stderr
 * @param text the line
 */
public record LogLine(Instant timestamp, LogStream stream, String text) {
  public LogLine {
    Validate.required("timestamp", timestamp);
    Validate.required("stream", stream);
    Validate.required("text", text);
  }

  /** Its size as written: UTF-8 bytes plus the line break. */
  public int sizeInBytes() {
    return text.getBytes(StandardCharsets.UTF_8).length + 1;
  }
}

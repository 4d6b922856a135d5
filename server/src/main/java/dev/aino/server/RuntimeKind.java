package dev.aino.server;

import dev.aino.error.ValidationException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The container runtimes {@code aino up --runtime} can drive on the local node. */
public enum RuntimeKind {
  /** No processes: instances are simulated (start latency, exit codes). For trying aino out. */
  SIMULATED;

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses {@code --runtime}, naming the valid values when it is wrong. */
  public static RuntimeKind parse(String text) {
    for (RuntimeKind kind : values()) {
      if (kind.id().equals(text)) {
        return kind;
      }
    }
    throw new ValidationException(
        "--runtime",
        "must be one of "
            + Arrays.stream(values()).map(RuntimeKind::id).collect(Collectors.joining(", "))
            + ", got \""
            + text
            + "\"");
  }
}

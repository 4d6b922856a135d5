package dev.aino.server;

import dev.aino.error.ValidationException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The container runtimes {@code aino up --runtime} can drive on the local node. */
public enum RuntimeKind {
  /** The first OCI runtime found on the PATH: youki, then runc, then crun. */
  AUTO,
  /** youki (OCI, Rust). */
  YOUKI,
  /** runc (OCI, the reference runtime). */
  RUNC,
  /** crun (OCI, C). */
  CRUN,
  /** Plain host processes, as Nomad's raw_exec: isolates nothing, ignores images. */
  PROCESS,
  /** No processes: instances are simulated (start latency, exit codes). For trying aino out. */
  SIMULATED;

  /** True for the kinds that run OCI containers from images. */
  public boolean isOci() {
    return this == AUTO || this == YOUKI || this == RUNC || this == CRUN;
  }

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

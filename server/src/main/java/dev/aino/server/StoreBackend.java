package dev.aino.server;

import dev.aino.error.ValidationException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The state store backends {@code aino up --store} can name. */
public enum StoreBackend {
  /** One SQLite file in the data directory: the default for a single server. */
  SQLITE,
  /** Process memory: nothing survives a restart. For tests and trying things out. */
  MEMORY,
  /** An etcd cluster, for several aino servers sharing one state. */
  ETCD;

  /** Whether several servers may share the store (then each names itself in what it writes). */
  public boolean shared() {
    return this == ETCD;
  }

  /** The name used on the command line and in {@code /healthz}: {@code sqlite}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses a command-line name; refuses unknown ones with the list of known ones. */
  public static StoreBackend fromId(String id) {
    for (StoreBackend backend : values()) {
      if (backend.id().equals(id)) {
        return backend;
      }
    }
    throw new ValidationException(
        "--store",
        "must be one of "
            + Arrays.stream(values()).map(StoreBackend::id).collect(Collectors.joining(", "))
            + ", got \""
            + id
            + "\"");
  }

  @Override
  public String toString() {
    return id();
  }
}

package dev.aino.api;

import java.util.Locale;

/** Where a call came in: recorded with the caller on the events its changes cause. */
public enum Surface {
  REST,
  CLI,
  MCP,
  A2A,
  CONSOLE;

  /** The wire word, e.g. {@code a2a}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}

package dev.aino.a2a;

import java.util.Locale;

/**
 * A task's state as A2A defines it; written {@code TASK_STATE_WORKING} in 1.0 and {@code working}
 * in 0.3.
 */
public enum TaskState {
  SUBMITTED("submitted"),
  WORKING("working"),
  INPUT_REQUIRED("input-required"),
  COMPLETED("completed"),
  CANCELED("canceled"),
  FAILED("failed"),
  REJECTED("rejected"),
  AUTH_REQUIRED("auth-required");

  private final String v03;

  TaskState(String v03) {
    this.v03 = v03;
  }

  /** True when the task will not change any more. */
  public boolean isTerminal() {
    return this == COMPLETED || this == CANCELED || this == FAILED || this == REJECTED;
  }

  /** True when the task waits for the client (terminal, or a question to answer). */
  public boolean isInterrupted() {
    return isTerminal() || this == INPUT_REQUIRED || this == AUTH_REQUIRED;
  }

  /** The word on the wire in {@code version}. */
  public String wire(A2aVersion version) {
    return version == A2aVersion.V1_0 ? "TASK_STATE_" + name() : v03;
  }

  /**
   * The state a filter names, in either version's spelling.
   *
   * @throws A2aException invalid params naming {@code field} when it names no state
   */
  static TaskState parse(String field, String text) {
    String t = text.strip();
    for (TaskState s : values()) {
      if (t.equals("TASK_STATE_" + s.name()) || t.equals(s.v03)) {
        return s;
      }
    }
    throw A2aException.invalidParams(
        field,
        "unknown task state "
            + text
            + "; expected one of TASK_STATE_"
            + String.join(
                    ", TASK_STATE_", java.util.Arrays.stream(values()).map(Enum::name).toList())
                .toUpperCase(Locale.ROOT));
  }
}

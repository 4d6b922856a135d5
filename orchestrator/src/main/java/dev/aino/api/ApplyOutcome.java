package dev.aino.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.aino.error.ValidationException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What an apply did, or what a dry run says it would do. Every surface reports it with the same
 * word ({@link #id()}): the REST header {@value #HEADER}, the REST and MCP bodies, the CLI line.
 */
public enum ApplyOutcome {
  /** The workload did not exist. */
  CREATED,
  /** Its spec changed: the generation moved. */
  CONFIGURED,
  /** The spec was the same: nothing was written. */
  UNCHANGED;

  /** The REST response header of {@code POST /api/v1/workloads} and {@code PUT .../{name}}. */
  public static final String HEADER = "Aino-Apply-Result";

  /** The wire word, e.g. {@code created}: in headers, JSON bodies and CLI output alike. */
  @JsonValue
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Reads a wire word.
   *
   * @throws ValidationException naming the words there are, when {@code id} is none of them
   */
  @JsonCreator
  public static ApplyOutcome fromId(String id) {
    for (ApplyOutcome outcome : values()) {
      if (outcome.id().equals(id)) {
        return outcome;
      }
    }
    throw new ValidationException(
        "outcome",
        "must be one of "
            + Arrays.stream(values()).map(ApplyOutcome::id).collect(Collectors.joining(", "))
            + ", got \""
            + id
            + "\"");
  }
}

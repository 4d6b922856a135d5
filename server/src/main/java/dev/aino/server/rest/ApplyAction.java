package dev.aino.server.rest;

import java.util.Locale;

/**
 * What an apply did, sent in the {@value #HEADER} response header so that clients can say {@code
 * workload/web created} without a second request.
 */
public enum ApplyAction {
  /** The workload did not exist. */
  CREATED,
  /** Its spec changed: the generation moved. */
  CONFIGURED,
  /** The spec was the same: nothing was written. */
  UNCHANGED;

  /** The response header of {@code POST /api/v1/workloads} and {@code PUT .../{name}}. */
  public static final String HEADER = "Aino-Apply-Result";

  /** The header value, e.g. {@code created}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Tells what happened from the generation before the apply (null when the workload did not exist)
   * and after it.
   */
  static ApplyAction of(Long generationBefore, long generationAfter) {
    if (generationBefore == null) {
      return CREATED;
    }
    return generationAfter == generationBefore ? UNCHANGED : CONFIGURED;
  }

  /** Reads a header value; null when the header is absent or not one of ours. */
  public static ApplyAction fromId(String id) {
    for (ApplyAction action : values()) {
      if (action.id().equals(id)) {
        return action;
      }
    }
    return null;
  }
}

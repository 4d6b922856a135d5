package dev.aino.model;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A workload's state at a glance, derived from its instances. Written on the wire and shown to
 * people as its {@link #label()} ({@code Healthy}, ...).
 */
public enum WorkloadState {
  /** Every replica runs and is ready. */
  HEALTHY("Healthy"),
  /** Instances are being placed, started or replaced. */
  PROGRESSING("Progressing"),
  /** Some replicas crash, fail or wait for a node. */
  DEGRADED("Degraded"),
  /** No replica is placed: every instance waits for a node. */
  PENDING("Pending"),
  /** It is marked for deletion; its instances are stopping. */
  DELETING("Deleting"),
  /** Its replicas ran to completion (restart policy other than ALWAYS, or zero replicas). */
  COMPLETED("Completed");

  private final String label;

  WorkloadState(String label) {
    this.label = label;
  }

  /** The word on the wire and in tables, e.g. {@code Healthy}. */
  @JsonValue
  public String label() {
    return label;
  }

  /** True when nothing needs fixing: healthy, or ran to completion. */
  public boolean isSettled() {
    return this == HEALTHY || this == COMPLETED;
  }

  @Override
  public String toString() {
    return label;
  }
}

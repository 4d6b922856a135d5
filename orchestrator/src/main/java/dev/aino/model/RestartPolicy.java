package dev.aino.model;

/** When the monitor restarts an instance whose process ended. */
public enum RestartPolicy {
  /** Always: services. */
  ALWAYS,
  /** Only after a non-zero exit or a kill: batch work that must finish. */
  ON_FAILURE,
  /** Never: one-shot tasks. */
  NEVER
}

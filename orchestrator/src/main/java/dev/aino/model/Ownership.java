package dev.aino.model;

/**
 * How a workload's {@link Workload#manager() manager} holds it against changes by other callers.
 */
public enum Ownership {
  /** Another caller may change it; the change records a {@code ManagerOverride} event. */
  SHARED,
  /** Another caller's change is refused, naming the manager, unless it is forced. */
  STRICT
}

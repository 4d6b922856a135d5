package dev.aino.metrics;

/** What the autoscaler decided for one workload in one pass: the {@code decision} label. */
public enum AutoscaleDecision {
  /** It raised the replica count. */
  SCALE_UP,
  /** It lowered the replica count. */
  SCALE_DOWN,
  /** It would lower the count but the stabilization window holds it. */
  HELD,
  /** The usage is within the tolerance of the target (or not measured): nothing to do. */
  UNCHANGED;

  /** The label value, e.g. {@code scale_up}. */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}

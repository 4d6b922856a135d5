package dev.aino.metrics;

/** How an image pull ended: the {@code result} label of image pulls. */
public enum PullResult {
  SUCCESS,
  FAILURE;

  /** The label value, e.g. {@code failure}. */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}

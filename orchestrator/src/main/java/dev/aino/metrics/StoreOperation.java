package dev.aino.metrics;

/**
 * The operations every store backend implements (the key-value SPI under {@link
 * dev.aino.store.KvStateStore}): the {@code operation} label of store latency.
 */
public enum StoreOperation {
  /** Read one key. */
  GET,
  /** Read every key under a prefix, from one consistent read. */
  RANGE,
  /** Apply a batch of conditional writes atomically (etcd: one transaction). */
  COMMIT;

  /** The label value, e.g. {@code get}. */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}

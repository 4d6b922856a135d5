package dev.aino.bench.store;

/**
 * Something the write measurements can write instances to: aino's store or a bare client. Every
 * write carries a {@link System#nanoTime()} stamp, so that a watcher can tell how old it is.
 */
interface WriteTarget extends AutoCloseable {
  /** e.g. {@code aino}, {@code bare jetcd} */
  String name();

  /**
   * Creates {@code keys} instances of {@code workload} (untimed) and returns a writer that then
   * replaces them in turn, each write conditional on the revision of the one before.
   */
  Writer writer(String workload, int keys) throws Exception;

  /**
   * Builds (untimed) a batch that creates {@code count} instances of {@code workload}, with indexes
   * from {@code first}, in one atomic commit.
   */
  Batch batch(String workload, int first, int count);

  @Override
  void close() throws Exception;

  /** Replaces one instance of its set per call, round robin; used by one thread at a time. */
  interface Writer {
    void write(long stampNanos) throws Exception;
  }

  /** A prepared batch; {@link #commit()} is the timed part. */
  interface Batch {
    void commit() throws Exception;
  }
}

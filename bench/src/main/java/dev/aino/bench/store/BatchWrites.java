package dev.aino.bench.store;

import dev.aino.bench.LatencyRecorder;

/**
 * Batched creates: workloads of instances created {@value #BATCH} per atomic commit, one commit
 * after the other. Only the commits are timed, not building their objects; the rate is instances
 * per second of commit time.
 */
final class BatchWrites {
  static final int BATCH = 100;

  private BatchWrites() {}

  /**
   * Creates {@code workloads} x {@code perWorkload} instances, workloads named {@code prefix0},
   * {@code prefix1}, ...
   *
   * @param perWorkload a multiple of {@value #BATCH}
   */
  static Throughput load(WriteTarget target, String prefix, int workloads, int perWorkload)
      throws Exception {
    if (perWorkload % BATCH != 0) {
      throw new IllegalArgumentException("perWorkload must be a multiple of " + BATCH);
    }
    LatencyRecorder commits = new LatencyRecorder();
    long commitNanos = 0;
    for (int w = 0; w < workloads; w++) {
      for (int first = 0; first < perWorkload; first += BATCH) {
        WriteTarget.Batch batch = target.batch(prefix + w, first, BATCH);
        long begin = System.nanoTime();
        batch.commit();
        long took = System.nanoTime() - begin;
        commits.record(took);
        commitNanos += took;
      }
    }
    long instances = (long) workloads * perWorkload;
    return new Throughput(instances, instances / (commitNanos / 1e9), commits);
  }
}

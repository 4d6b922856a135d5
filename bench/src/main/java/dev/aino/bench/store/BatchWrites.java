package dev.aino.bench.store;

import dev.aino.bench.CpuStopwatch;
import dev.aino.bench.LatencyRecorder;
import dev.aino.bench.Throughput;
import java.util.ArrayList;
import java.util.List;

/**
 * Batched creates: workloads of instances created {@value #BATCH} per atomic commit, one commit
 * after the other. Only the commits are timed, not building their objects (done a workload at a
 * time, before its commits); the rate is instances per second of commit time, the CPU time is per
 * instance.
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
    long cpuNanos = 0;
    for (int w = 0; w < workloads; w++) {
      List<WriteTarget.Batch> batches = new ArrayList<>();
      for (int first = 0; first < perWorkload; first += BATCH) {
        batches.add(target.batch(prefix + w, first, BATCH));
      }
      CpuStopwatch cpu = CpuStopwatch.start();
      for (WriteTarget.Batch batch : batches) {
        long begin = System.nanoTime();
        batch.commit();
        long took = System.nanoTime() - begin;
        commits.record(took);
        commitNanos += took;
      }
      cpuNanos += cpu.elapsedNanos();
    }
    long instances = (long) workloads * perWorkload;
    return new Throughput(
        instances, instances / (commitNanos / 1e9), commits, cpuNanos / (double) instances);
  }
}

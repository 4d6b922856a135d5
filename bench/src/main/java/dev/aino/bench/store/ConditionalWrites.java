package dev.aino.bench.store;

import dev.aino.bench.ClosedLoop;
import dev.aino.bench.Throughput;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Single conditional writes: each thread creates its own instances, then replaces them one after
 * the other as fast as the target takes them, each write a compare-and-swap on the revision the
 * thread's previous write of that instance returned. Threads never share a key, so none loses a
 * race: what is measured is the cost of a write, not of conflicts.
 */
final class ConditionalWrites {
  /** Instances per thread, replaced round robin, as a controller updates many objects. */
  static final int KEYS_PER_THREAD = 10;

  private ConditionalWrites() {}

  /**
   * @param run names this run's workloads, so that runs on one target never share a key
   */
  static Throughput run(
      WriteTarget target, String run, int threads, Duration warmup, Duration measure)
      throws Exception {
    List<ClosedLoop.Op> ops = new ArrayList<>(threads);
    for (int t = 0; t < threads; t++) {
      WriteTarget.Writer writer = target.writer(run + "t" + t, KEYS_PER_THREAD);
      ops.add(writer::write);
    }
    return ClosedLoop.run(ops, ClosedLoop.Warmup.of(warmup), measure);
  }
}

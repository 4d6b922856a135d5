package dev.aino.bench.store;

import dev.aino.bench.ClosedLoop;
import dev.aino.bench.Throughput;
import java.time.Duration;
import java.util.List;

/**
 * Lists, one after the other on one thread: all instances, or one workload's by key prefix. Each
 * list's size is checked, so a list that returns too little cannot look fast.
 */
final class Listing {
  private Listing() {}

  static Throughput all(ReadTarget target, int expected, ClosedLoop.Warmup warmup, Duration measure)
      throws Exception {
    return ClosedLoop.run(
        List.of(start -> check("all instances", target.listAll(), expected)), warmup, measure);
  }

  static Throughput workload(
      ReadTarget target, String workload, int expected, ClosedLoop.Warmup warmup, Duration measure)
      throws Exception {
    return ClosedLoop.run(
        List.of(start -> check(workload, target.listWorkload(workload), expected)),
        warmup,
        measure);
  }

  private static void check(String what, int listed, int expected) {
    if (listed != expected) {
      throw new IllegalStateException(
          "listing " + what + " returned " + listed + " instances, expected " + expected);
    }
  }
}

package dev.aino.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.aino.error.ValidationException;

/**
 * An amount of CPU (millicores, 1000 = one core) and memory (MiB). Used for requests, capacities
 * and the arithmetic between them, so zero is allowed here; a workload's request must be positive
 * ({@link WorkloadSpec} checks that).
 */
public record Resources(long cpuMillis, long memoryMiB) {
  /** Bound for totals across a cluster; far above any real one, so sums never overflow. */
  public static final long MAX_TOTAL = 1L << 48;

  /** Most CPU one host or one instance may have: 4,096 cores. */
  public static final long MAX_HOST_CPU_MILLIS = 4_096_000L;

  /** Most memory one host or one instance may have: 64 TiB in MiB. */
  public static final long MAX_HOST_MEMORY_MIB = 64L * 1024 * 1024;

  public static final Resources ZERO = new Resources(0, 0);

  public Resources {
    Validate.range("cpuMillis", cpuMillis, 0, MAX_TOTAL);
    Validate.range("memoryMiB", memoryMiB, 0, MAX_TOTAL);
  }

  public static Resources of(long cpuMillis, long memoryMiB) {
    return new Resources(cpuMillis, memoryMiB);
  }

  public Resources plus(Resources other) {
    return new Resources(cpuMillis + other.cpuMillis, memoryMiB + other.memoryMiB);
  }

  /** Difference, floored at zero so over-commitment shows as no room rather than a bad value. */
  public Resources minus(Resources other) {
    return new Resources(
        Math.max(0, cpuMillis - other.cpuMillis), Math.max(0, memoryMiB - other.memoryMiB));
  }

  public Resources times(long factor) {
    return new Resources(cpuMillis * factor, memoryMiB * factor);
  }

  /** True when {@code request} fits in this amount in both dimensions. */
  public boolean fits(Resources request) {
    return request.cpuMillis <= cpuMillis && request.memoryMiB <= memoryMiB;
  }

  // A question, not a property: kept out of the JSON of every object that holds resources.
  @JsonIgnore
  public boolean isZero() {
    return cpuMillis == 0 && memoryMiB == 0;
  }

  /** Checks an amount that one host has or one instance asks for: positive and host-sized. */
  Resources requireHostSized(String field) {
    try {
      Validate.range("cpuMillis", cpuMillis, 1, MAX_HOST_CPU_MILLIS);
      Validate.range("memoryMiB", memoryMiB, 1, MAX_HOST_MEMORY_MIB);
    } catch (ValidationException e) {
      throw e.under(field);
    }
    return this;
  }

  @Override
  public String toString() {
    return cpuMillis + "m CPU, " + memoryMiB + " MiB";
  }
}

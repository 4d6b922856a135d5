package dev.aino.runtime.oci;

import dev.aino.runtime.ResourceUsage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One container's cgroup: its resource use and whether the kernel OOM-killed a process in it. Knows
 * both layouts: v1 ({@code cpuacct.usage}, {@code memory.usage_in_bytes}, {@code
 * memory.oom_control}) and v2 ({@code cpu.stat}, {@code memory.current}, {@code memory.events}).
 * Memory is reported as the working set (usage minus inactive file cache), as Kubernetes does,
 * since that cache is reclaimed before anything is killed.
 */
final class ContainerCgroup {
  /**
   * Limits at or above this are "no limit" (v1 reports unlimited as a huge page-aligned number).
   */
  private static final long UNLIMITED = 1L << 62;

  private final boolean unified;
  private final Path cpu;
  private final Path memory;
  private final Path pids;

  private ContainerCgroup(boolean unified, Path cpu, Path memory, Path pids) {
    this.unified = unified;
    this.cpu = cpu;
    this.memory = memory;
    this.pids = pids;
  }

  static ContainerCgroup unified(Path dir) {
    return new ContainerCgroup(true, dir, dir, dir);
  }

  /** A v1 cgroup; a controller that is not mounted is null and reads as zero. */
  static ContainerCgroup v1(Path cpuacct, Path memory, Path pids) {
    return new ContainerCgroup(false, cpuacct, memory, pids);
  }

  /** True while the runtime has its memory cgroup (from start until the container is deleted). */
  boolean exists() {
    return memory != null && Files.isDirectory(memory);
  }

  /** Resource use now; empty when the cgroup does not exist (yet, or any more). */
  Optional<ResourceUsage> usage(Instant now) {
    if (!exists()) {
      return Optional.empty();
    }
    try {
      long cpuNanos =
          unified
              ? keyed(cpu.resolve("cpu.stat"), "usage_usec") * 1000
              : number(cpu == null ? null : cpu.resolve("cpuacct.usage"));
      String usageFile = unified ? "memory.current" : "memory.usage_in_bytes";
      String inactiveKey = unified ? "inactive_file" : "total_inactive_file";
      long usage = number(memory.resolve(usageFile));
      long inactive = keyed(memory.resolve("memory.stat"), inactiveKey);
      long limit = number(memory.resolve(unified ? "memory.max" : "memory.limit_in_bytes"));
      long processes = number(pids == null ? null : pids.resolve("pids.current"));
      return Optional.of(
          new ResourceUsage(
              now,
              Duration.ofNanos(cpuNanos),
              Math.max(0, usage - inactive),
              limit >= UNLIMITED ? 0 : limit,
              processes));
    } catch (IOException e) {
      return Optional.empty(); // removed while being read
    }
  }

  /** How many processes the kernel killed in it for exceeding its memory limit. */
  long oomKills() {
    if (!exists()) {
      return 0;
    }
    try {
      return unified
          ? keyed(memory.resolve("memory.events"), "oom_kill")
          : keyed(memory.resolve("memory.oom_control"), "oom_kill");
    } catch (IOException e) {
      return 0;
    }
  }

  /** A file holding one number ({@code max} and a missing file read as the "unlimited" value). */
  private static long number(Path file) throws IOException {
    if (file == null || !Files.exists(file)) {
      return 0;
    }
    String text = Files.readString(file).trim();
    if (text.equals("max")) {
      return Long.MAX_VALUE;
    }
    return text.isEmpty() ? 0 : Long.parseLong(text);
  }

  /** The value of {@code key} in a file of {@code key value} lines; 0 when absent. */
  private static long keyed(Path file, String key) throws IOException {
    if (!Files.exists(file)) {
      return 0;
    }
    for (String line : Files.readAllLines(file)) {
      int space = line.indexOf(' ');
      if (space > 0 && line.substring(0, space).equals(key)) {
        return Long.parseLong(line.substring(space + 1).trim());
      }
    }
    return 0;
  }
}

package dev.aino.runtime.process;

import dev.aino.runtime.ResourceUsage;
import dev.aino.runtime.host.ProcStat;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A host process and the descendants it had when last looked at. Without cgroups (which this driver
 * deliberately does not use), the tree is all there is to act on: a descendant that was orphaned
 * before the last look (a daemon that double-forked) escapes, as it does under Nomad's raw_exec.
 */
final class ProcessTree {
  /**
   * Listing descendants scans all of /proc, so a periodic look is throttled to one per second per
   * process; looks before a signal are never skipped.
   */
  private static final long LOOK_INTERVAL_NANOS = 1_000_000_000L;

  private final ProcessHandle root;
  private final Set<ProcessHandle> seen = new LinkedHashSet<>();
  private long lastLook = System.nanoTime() - LOOK_INTERVAL_NANOS;

  ProcessTree(ProcessHandle root) {
    this.root = root;
  }

  /** Remembers the current descendants, so they can be killed after the root has gone. */
  synchronized void look() {
    lastLook = System.nanoTime();
    root.descendants().forEach(seen::add);
  }

  /** {@link #look}, unless the last look was less than a second ago. */
  synchronized void lookNowAndThen() {
    if (System.nanoTime() - lastLook >= LOOK_INTERVAL_NANOS) {
      look();
    }
  }

  /** SIGTERM to the root only: stopping its children is its own job, as in a container. */
  void terminate() {
    look();
    root.destroy();
  }

  /** SIGKILL to the root and to every descendant ever seen that still runs. */
  void kill() {
    look();
    root.destroyForcibly();
    killLeftovers();
  }

  /**
   * SIGKILL to descendants seen earlier that outlived the root; {@link ProcessHandle} checks the
   * start time, so a reused pid is never hit.
   */
  synchronized void killLeftovers() {
    for (ProcessHandle descendant : seen) {
      descendant.destroyForcibly();
    }
    seen.clear();
  }

  /** Resource use of the root and its current descendants, read from {@code /proc}. */
  ResourceUsage usage(Instant now) {
    List<ProcessHandle> members = Stream.concat(Stream.of(root), root.descendants()).toList();
    long cpuTicksMillis = 0;
    long rss = 0;
    long count = 0;
    for (ProcessHandle member : members) {
      var stat = ProcStat.read(member.pid());
      if (stat.isPresent() && stat.get().state() != 'Z') {
        cpuTicksMillis += stat.get().cpuTime().toMillis();
        rss += stat.get().rssBytes();
        count++;
      }
    }
    return new ResourceUsage(now, Duration.ofMillis(cpuTicksMillis), rss, 0, count);
  }
}

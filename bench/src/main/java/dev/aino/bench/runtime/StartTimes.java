package dev.aino.bench.runtime;

import dev.aino.model.Instance;
import dev.aino.model.InstancePhase;
import dev.aino.store.WatchEvent;
import dev.aino.store.WatchListener;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * When each instance was first seen Scheduled, Starting and Running, as {@link System#nanoTime()}
 * at the receipt of the store's watch event: what a client watching the store would see. A waiter
 * sleeps until an instance of its workload runs (no polling, which would be charged to aino's CPU),
 * and the moments of a workload are forgotten once it was waited for. It also notes when an
 * instance restarted in place ran again, for the exit-to-restart measurement.
 */
final class StartTimes implements WatchListener<Instance> {
  /** The moments of one instance; 0 where the phase was not seen (yet). */
  static final class Moments {
    volatile long scheduled;
    volatile long starting;
    volatile long running;
  }

  private final Map<String, Map<String, Moments>> byWorkload = new ConcurrentHashMap<>();
  private final Object runningSeen = new Object();

  /** When each instance last ran again after a restart, and after how many restarts. */
  private final Map<String, Restarted> restarted = new ConcurrentHashMap<>();

  private record Restarted(int restartCount, long runningAt) {}

  @Override
  public void onEvent(WatchEvent<Instance> event) {
    if (!(event instanceof WatchEvent.Put<Instance> put)) {
      return;
    }
    long now = System.nanoTime();
    Instance instance = put.object();
    InstancePhase phase = instance.phase();
    if (phase == InstancePhase.RUNNING && instance.restartCount() > 0) {
      Restarted seen = restarted.get(instance.id());
      if (seen == null || seen.restartCount() < instance.restartCount()) {
        restarted.put(instance.id(), new Restarted(instance.restartCount(), now));
        synchronized (runningSeen) {
          runningSeen.notifyAll();
        }
      }
      return;
    }
    if (phase != InstancePhase.SCHEDULED
        && phase != InstancePhase.STARTING
        && phase != InstancePhase.RUNNING) {
      return; // stopping: nothing to time, and the workload may be forgotten already
    }
    Moments m =
        byWorkload
            .computeIfAbsent(instance.workload(), w -> new ConcurrentHashMap<>())
            .computeIfAbsent(instance.id(), id -> new Moments());
    if (phase == InstancePhase.SCHEDULED && m.scheduled == 0) {
      m.scheduled = now;
    } else if (phase == InstancePhase.STARTING && m.starting == 0) {
      m.starting = now;
    } else if (phase == InstancePhase.RUNNING && m.running == 0) {
      m.running = now;
      synchronized (runningSeen) {
        runningSeen.notifyAll();
      }
    }
  }

  /**
   * The moments of the {@code count} instances of {@code workload}, once all of them run; then
   * forgets the workload.
   */
  List<Moments> awaitRunning(String workload, int count, long deadlineNanos)
      throws InterruptedException {
    synchronized (runningSeen) {
      while (true) {
        List<Moments> running = new ArrayList<>();
        for (Moments m : byWorkload.getOrDefault(workload, Map.of()).values()) {
          if (m.running != 0 && m.scheduled != 0) {
            running.add(m);
          }
        }
        if (running.size() >= count) {
          byWorkload.remove(workload);
          return running;
        }
        long left = deadlineNanos - System.nanoTime();
        if (left <= 0) {
          throw new IllegalStateException(
              "only "
                  + running.size()
                  + " of the "
                  + count
                  + " instances of workload "
                  + workload
                  + " were Running in time");
        }
        TimeUnit.NANOSECONDS.timedWait(runningSeen, left);
      }
    }
  }

  /**
   * When {@code instanceId} was first seen Running after its {@code restartCount}th restart, as
   * {@link System#nanoTime()}; waits for it until {@code deadlineNanos}.
   */
  long awaitRestarted(String instanceId, int restartCount, long deadlineNanos)
      throws InterruptedException {
    synchronized (runningSeen) {
      while (true) {
        Restarted seen = restarted.get(instanceId);
        if (seen != null && seen.restartCount() >= restartCount) {
          return seen.runningAt();
        }
        long left = deadlineNanos - System.nanoTime();
        if (left <= 0) {
          throw new IllegalStateException(
              "instance " + instanceId + " did not run again after restart " + restartCount);
        }
        TimeUnit.NANOSECONDS.timedWait(runningSeen, left);
      }
    }
  }
}

package dev.aino.bench.runtime;

import dev.aino.model.Instance;
import dev.aino.model.InstancePhase;
import dev.aino.store.WatchEvent;
import dev.aino.store.WatchListener;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When each instance was first seen Scheduled, Starting and Running, as {@link System#nanoTime()}
 * at the receipt of the store's watch event: what a client watching the store would see.
 */
final class StartTimes implements WatchListener<Instance> {
  /** The moments of one instance; 0 where the phase was not seen (yet). */
  static final class Moments {
    Moments(String workload) {
      this.workload = workload;
    }

    final String workload;
    volatile long scheduled;
    volatile long starting;
    volatile long running;
  }

  private final Map<String, Moments> byInstance = new ConcurrentHashMap<>();

  @Override
  public void onEvent(WatchEvent<Instance> event) {
    if (!(event instanceof WatchEvent.Put<Instance> put)) {
      return;
    }
    long now = System.nanoTime();
    Instance instance = put.object();
    Moments m = byInstance.computeIfAbsent(instance.id(), id -> new Moments(instance.workload()));
    InstancePhase phase = instance.phase();
    if (phase == InstancePhase.SCHEDULED && m.scheduled == 0) {
      m.scheduled = now;
    } else if (phase == InstancePhase.STARTING && m.starting == 0) {
      m.starting = now;
    } else if (phase == InstancePhase.RUNNING && m.running == 0) {
      m.running = now;
    }
  }

  /** The moments of the {@code count} instances of {@code workload}, once all of them run. */
  List<Moments> awaitRunning(String workload, int count, long deadlineNanos)
      throws InterruptedException {
    while (true) {
      List<Moments> running =
          byInstance.values().stream()
              .filter(m -> m.workload.equals(workload) && m.running != 0 && m.scheduled != 0)
              .toList();
      if (running.size() >= count) {
        return running;
      }
      if (System.nanoTime() > deadlineNanos) {
        throw new IllegalStateException(
            "only "
                + running.size()
                + " of the "
                + count
                + " instances of workload "
                + workload
                + " were Running in time");
      }
      Thread.sleep(1);
    }
  }
}

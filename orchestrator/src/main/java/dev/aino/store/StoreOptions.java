package dev.aino.store;

import dev.aino.model.Validate;
import java.time.Clock;
import java.time.Duration;

/**
 * Settings every backend shares.
 *
 * @param eventTtl how long an event lives after it was last seen
 * @param maxEvents the most events kept; the least recently seen go first
 * @param retainedChanges changes kept for watches that resume (memory and SQLite; etcd keeps its
 *     own history until compaction)
 * @param maxPendingPerWatch how far a watcher may fall behind before it must relist
 * @param clock time source for events
 */
public record StoreOptions(
    Duration eventTtl, int maxEvents, int retainedChanges, int maxPendingPerWatch, Clock clock) {

  public StoreOptions {
    Validate.required("eventTtl", eventTtl);
    Validate.range("eventTtl", eventTtl.toSeconds(), 1, 30L * 24 * 3600);
    Validate.range("maxEvents", maxEvents, 1, 10_000_000);
    Validate.range("retainedChanges", retainedChanges, 1, 100_000_000);
    Validate.range("maxPendingPerWatch", maxPendingPerWatch, 1, 100_000_000);
    clock = clock == null ? Clock.systemUTC() : clock;
  }

  /** One hour of events, at most 10,000; 100,000 changes retained; 1,000,000 pending per watch. */
  public static StoreOptions defaults() {
    return new StoreOptions(Duration.ofHours(1), 10_000, 100_000, 1_000_000, Clock.systemUTC());
  }

  public StoreOptions withClock(Clock clock) {
    return new StoreOptions(eventTtl, maxEvents, retainedChanges, maxPendingPerWatch, clock);
  }

  public StoreOptions withMaxEvents(int maxEvents) {
    return new StoreOptions(eventTtl, maxEvents, retainedChanges, maxPendingPerWatch, clock);
  }

  public StoreOptions withRetainedChanges(int retainedChanges) {
    return new StoreOptions(eventTtl, maxEvents, retainedChanges, maxPendingPerWatch, clock);
  }

  public StoreOptions withEventTtl(Duration eventTtl) {
    return new StoreOptions(eventTtl, maxEvents, retainedChanges, maxPendingPerWatch, clock);
  }
}

package dev.aino.store;

import dev.aino.api.Caller;
import dev.aino.error.ConflictException;
import dev.aino.error.NotFoundException;
import dev.aino.model.Event;
import dev.aino.model.EventType;
import dev.aino.model.ObjectRef;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The events of a {@link KvStateStore}, kept as ordinary stored objects: recording one folds it
 * onto an equal event seen before (a count and the latest message instead of a new record), reading
 * them leaves out expired ones, and retention keeps at most {@link StoreOptions#maxEvents}
 * unexpired, dropping the least recently seen.
 *
 * <p>Expiry also happens inside the backend, through the time to live every event is written with
 * ({@link StoreOptions#eventTtl}); this class only makes sure readers never see an expired one and
 * that the bound holds where the backend has no time to live.
 */
final class EventLog {
  private final StateStore store;
  private final StoreOptions options;
  private final Clock clock;
  private final AtomicLong sincePrune = new AtomicLong();

  /**
   * @param store where the events are written: the typed store this log belongs to
   */
  EventLog(StateStore store, StoreOptions options) {
    this.store = store;
    this.options = options;
    this.clock = options.clock();
  }

  /** See {@link StateStore#recordEvent(ObjectRef, EventType, String, String, Instant, Caller)}. */
  Event record(
      ObjectRef object, EventType type, String reason, String message, Instant at, Caller actor) {
    Instant now = at != null ? at : clock.instant();
    Event fresh = Event.of(object, type, reason, message, now, actor);
    // A lost race means another writer folded the same event first: fold onto theirs.
    Event stored =
        store
            .update(
                ObjectKind.EVENTS,
                fresh.storeKey(),
                existing -> existing.map(e -> e.repeated(type, message, now, actor)).orElse(fresh))
            .after();
    pruneNowAndThen();
    return stored;
  }

  /** The unexpired events about {@code object}, oldest first. */
  List<Event> of(ObjectRef object) {
    return unexpiredByTime(store.list(ObjectKind.EVENTS, Event.keyPrefix(object)).items());
  }

  /** Every unexpired event, oldest first. */
  List<Event> all() {
    return unexpiredByTime(store.list(ObjectKind.EVENTS).items());
  }

  /** Drops expired events and the least recently seen beyond the bound. */
  void prune() {
    List<Event> all = store.list(ObjectKind.EVENTS).items();
    Instant cutoff = cutoff();
    List<Event> byAge = all.stream().sorted(Comparator.comparing(Event::lastSeen)).toList();
    int excess = byAge.size() - options.maxEvents();
    for (int i = 0; i < byAge.size(); i++) {
      Event e = byAge.get(i);
      if (i < excess || !e.lastSeen().isAfter(cutoff)) {
        try {
          store.delete(ObjectKind.EVENTS, e.storeKey(), e.revision());
        } catch (ConflictException | NotFoundException ignored) {
          // It was folded again or removed meanwhile: it is recent, or already gone.
        }
      }
    }
  }

  /**
   * Prunes every tenth of {@code maxEvents} recorded events rather than on each, since pruning
   * reads them all.
   */
  private void pruneNowAndThen() {
    if (sincePrune.incrementAndGet() < Math.max(1, options.maxEvents() / 10)) {
      return;
    }
    sincePrune.set(0);
    prune();
  }

  private List<Event> unexpiredByTime(List<Event> events) {
    Instant cutoff = cutoff();
    return events.stream()
        .filter(e -> e.lastSeen().isAfter(cutoff))
        .sorted(Comparator.comparing(Event::lastSeen).thenComparing(Event::storeKey))
        .toList();
  }

  /** Events last seen at or before this instant have expired. */
  private Instant cutoff() {
    return clock.instant().minus(options.eventTtl());
  }
}

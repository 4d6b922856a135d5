package dev.aino.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aino.model.Event;
import dev.aino.model.EventType;
import dev.aino.model.ObjectRef;
import dev.aino.store.memory.InMemoryStateStore;
import dev.aino.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** When the event log prunes on its own and what its readers see between prunes. */
class EventLogTest {
  private static final int MAX_EVENTS = 20;

  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  private final StoreOptions options =
      StoreOptions.defaults()
          .withClock(clock)
          .withMaxEvents(MAX_EVENTS)
          .withEventTtl(Duration.ofMinutes(10));
  private final InMemoryStateStore store = new InMemoryStateStore(options);
  private final EventLog events = new EventLog(store, options);

  @Test
  void recordingPrunesOnceEveryTenthOfTheBound() {
    for (int i = 0; i < MAX_EVENTS; i++) {
      record("web-" + i);
      clock.advance(Duration.ofSeconds(1));
    }
    assertThat(stored()).isEqualTo(MAX_EVENTS);

    record("web-20"); // one past the bound, and not yet the second record since the last prune
    assertThat(stored()).isEqualTo(MAX_EVENTS + 1);
    clock.advance(Duration.ofSeconds(1));

    record("web-21"); // the second: prunes, dropping the least recently seen
    assertThat(stored()).isEqualTo(MAX_EVENTS);
    assertThat(events.all()).extracting(e -> e.object().name()).doesNotContain("web-0", "web-1");
  }

  @Test
  void eventsLastSeenATimeToLiveAgoAreHiddenFromReadersUntilAPruneRemovesThem() {
    // Recorded now (so the backend's time to live keeps it) but seen exactly one TTL ago.
    Instant seen = clock.instant().minus(Duration.ofMinutes(10));
    events.record(ObjectRef.instance("web-a"), EventType.NORMAL, "Started", "s", seen, null);

    assertThat(events.all()).isEmpty();
    assertThat(events.of(ObjectRef.instance("web-a"))).isEmpty();
    assertThat(stored()).isEqualTo(1);

    events.prune();

    assertThat(stored()).isZero();
  }

  @Test
  void aRepeatFoldsOntoTheStoredEventAndMovesItToTheEnd() {
    record("web-a");
    clock.advance(Duration.ofSeconds(1));
    record("web-b");
    clock.advance(Duration.ofSeconds(1));
    record("web-a");

    assertThat(events.all()).extracting(e -> e.object().name()).containsExactly("web-b", "web-a");
    assertThat(events.all()).extracting(Event::count).containsExactly(1L, 2L);
  }

  private void record(String instance) {
    events.record(ObjectRef.instance(instance), EventType.NORMAL, "Started", "started", null, null);
  }

  private int stored() {
    return store.list(ObjectKind.EVENTS).items().size();
  }
}

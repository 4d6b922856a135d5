package dev.aino.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aino.error.AinoException;
import dev.aino.error.ConflictException;
import dev.aino.error.ErrorCode;
import dev.aino.error.NotFoundException;
import dev.aino.error.ValidationException;
import dev.aino.model.Event;
import dev.aino.model.EventType;
import dev.aino.model.ObjectRef;
import dev.aino.model.Workload;
import dev.aino.store.memory.InMemoryStateStore;
import dev.aino.testing.Fixtures;
import dev.aino.testing.MutableClock;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The rules every key-value backend shares ({@link KvStateStore}), on the memory backend with a
 * clock the test moves: the errors a lost precondition becomes, and how long events live and how
 * many are kept.
 */
class KvStoreRulesTest {
  private static final Duration TTL = Duration.ofMinutes(10);
  private static final int MAX_EVENTS = 20;

  private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T12:00:00Z"));
  private final InMemoryStateStore store =
      new InMemoryStateStore(
          StoreOptions.defaults().withClock(clock).withEventTtl(TTL).withMaxEvents(MAX_EVENTS));

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void aLostPreconditionBecomesATypedErrorThatNamesTheObjectAndBothRevisions() {
    Workload read = store.create(Fixtures.workload("web"));
    Workload now = store.update(read.withSpec(Fixtures.spec(2)));

    String modified =
        "workload \"web\" was modified (read at revision "
            + read.revision()
            + ", now at "
            + now.revision()
            + "); read it again and retry";
    assertThatThrownBy(() -> store.update(read.withSpec(Fixtures.spec(3))))
        .isInstanceOf(ConflictException.class)
        .hasMessage(modified);
    assertThatThrownBy(() -> store.delete(ObjectKind.WORKLOADS, "web", read.revision()))
        .isInstanceOf(ConflictException.class)
        .hasMessage(modified);
    assertThatThrownBy(() -> store.delete(ObjectKind.WORKLOADS, "api", StateStore.ANY_REVISION))
        .isInstanceOf(NotFoundException.class)
        .hasMessage("workload \"api\" not found");
    assertThatThrownBy(() -> store.update(Fixtures.workload("api").withRevision(3)))
        .isInstanceOf(NotFoundException.class)
        .hasMessage("workload \"api\" not found");
    assertThat(store.workload("web")).contains(now);
  }

  @Test
  void anUpdateWithoutTheRevisionItReadIsRefusedBeforeAnythingIsWritten() {
    Workload stored = store.create(Fixtures.workload("web"));
    long revision = store.revision();

    for (long unread : new long[] {0, -1}) {
      assertThatThrownBy(() -> store.update(stored.withRevision(unread)))
          .isInstanceOfSatisfying(
              ValidationException.class, e -> assertThat(e.field()).isEqualTo("revision"))
          .hasMessageContaining("an update needs the revision that was read, got " + unread);
    }
    assertThat(store.update(stored.withSpec(Fixtures.spec(2))).revision()).isGreaterThan(revision);
  }

  @Test
  void anEmptyBatchWritesNothingAndReturnsTheCurrentRevision() {
    store.create(Fixtures.workload("web"));
    long revision = store.revision();

    assertThat(store.commit(List.of())).isEqualTo(revision).isPositive();
    assertThat(store.revision()).isEqualTo(revision);
  }

  /**
   * A written object may carry any revision (one copied from another store, say): it is read back
   * at the revision of its write, also when the two happen to be equal.
   */
  @Test
  void aWrittenObjectIsReadBackAtItsWritesRevisionWhateverRevisionItCarried() {
    long next = store.revision() + 1;
    Workload carried = Fixtures.workload("web").withRevision(next);
    assertThat(store.put(carried).revision()).isEqualTo(next);
    assertThat(store.workload("web")).contains(carried);
    assertThat(store.workloads()).containsExactly(carried);

    Workload stale = Fixtures.workload("api").withRevision(999);
    long written = store.put(stale).revision();
    assertThat(written).isEqualTo(next + 1);
    assertThat(store.workload("api")).contains(stale.withRevision(written));
  }

  @Test
  void anEventLivesForItsTimeToLiveAfterItWasLastSeen() {
    ObjectRef web = ObjectRef.workload("web");
    Instant now = clock.instant();
    store.recordEvent(web, EventType.NORMAL, "Almost", "just inside", now.minus(TTL).plusMillis(1));
    store.recordEvent(web, EventType.NORMAL, "Expired", "exactly the ttl ago", now.minus(TTL));

    assertThat(store.events(web)).extracting(Event::reason).containsExactly("Almost");
    assertThat(store.events()).extracting(Event::reason).containsExactly("Almost");

    clock.advance(Duration.ofMillis(1));
    assertThat(store.events(web)).isEmpty();
  }

  @Test
  void pruningDropsExpiredEventsAndTheLeastRecentlySeenBeyondTheBound() {
    Instant start = clock.instant();
    store.recordEvent(ObjectRef.node("old"), EventType.NORMAL, "Old", "old", start.minus(TTL));
    for (int i = 0; i < 3; i++) {
      store.recordEvent(
          ObjectRef.node("n" + i), EventType.NORMAL, "Seen", "seen", start.plusSeconds(i));
    }

    store.pruneEvents();
    assertThat(allStored()).hasSize(3);

    for (int i = 3; i < MAX_EVENTS + 2; i++) {
      store.recordEvent(
          ObjectRef.node("n" + i), EventType.NORMAL, "Seen", "seen", start.plusSeconds(i));
    }
    store.pruneEvents();
    assertThat(allStored())
        .hasSize(MAX_EVENTS)
        .extracting(e -> e.object().name())
        .doesNotContain("n0", "n1")
        .contains("n2", "n" + (MAX_EVENTS + 1));
  }

  @Test
  void eventsArePrunedEveryTenthOfTheBound() {
    // MAX_EVENTS 20: pruned on every second event recorded.
    Instant start = clock.instant();
    for (int i = 0; i < MAX_EVENTS + 1; i++) {
      store.recordEvent(
          ObjectRef.node("n" + i), EventType.NORMAL, "Seen", "seen", start.plusSeconds(i));
    }
    assertThat(allStored()).hasSize(MAX_EVENTS + 1);

    store.recordEvent(
        ObjectRef.node("n" + (MAX_EVENTS + 1)),
        EventType.NORMAL,
        "Seen",
        "seen",
        start.plusSeconds(MAX_EVENTS + 1));
    assertThat(allStored()).hasSize(MAX_EVENTS);
  }

  @Test
  void aBoundBelowTenIsPrunedOnEveryEvent() {
    InMemoryStateStore small =
        new InMemoryStateStore(StoreOptions.defaults().withClock(clock).withMaxEvents(3));
    try {
      for (int i = 0; i < 5; i++) {
        small.recordEvent(
            ObjectRef.node("n" + i), EventType.NORMAL, "Seen", "seen", clock.instant());
        assertThat(small.list(ObjectKind.EVENTS).items()).hasSize(Math.min(i + 1, 3));
      }
    } finally {
      small.close();
    }
  }

  @Test
  void anEventExpiresInTheBackendAtItsTimeToLiveAndWatchersHearOfIt() throws Exception {
    Event seen = store.recordEvent(ObjectRef.workload("web"), EventType.NORMAL, "Seen", "seen");
    clock.advance(TTL.minusMillis(1));
    assertThat(allStored()).hasSize(1);
    assertThat(store.get(ObjectKind.EVENTS, seen.storeKey())).isPresent();

    BlockingQueue<WatchEvent<Event>> changes = new LinkedBlockingQueue<>();
    try (Watch w = store.watch(ObjectKind.EVENTS, 0, changes::add)) {
      clock.advance(Duration.ofMillis(1));
      assertThat(allStored()).isEmpty();
      assertThat(store.get(ObjectKind.EVENTS, seen.storeKey())).isEmpty();

      // The next commit removes the expired key first, at a revision of its own.
      long before = store.revision();
      store.create(Fixtures.workload("web"));
      assertThat(changes.poll(30, TimeUnit.SECONDS))
          .isEqualTo(new WatchEvent.Delete<Event>(seen.storeKey(), before + 1));
      assertThat(store.revision()).isEqualTo(before + 2);
    }
  }

  /** Every stored event, expired or not: what pruning is about. */
  private List<Event> allStored() {
    return store.list(ObjectKind.EVENTS).items();
  }

  @Test
  void aBackendFailureIsUnavailableAndNamesTheBackendAndTheRootCause() {
    AinoException e =
        store.unavailable(
            "reading workloads",
            new IllegalStateException("wrapped", new IOException("connection refused")));
    assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE);
    assertThat(e.getMessage())
        .isEqualTo("memory store unavailable: reading workloads: connection refused");

    AinoException unnamed = store.unavailable("committing", new IOException());
    assertThat(unnamed.getMessage()).isEqualTo("memory store unavailable: committing: IOException");

    assertThat(KvStateStore.isDomainError(new NotFoundException("workload \"web\" not found")))
        .isTrue();
    assertThat(KvStateStore.isDomainError(e)).isFalse();
    assertThat(KvStateStore.isDomainError(new IOException("disk"))).isFalse();
  }
}

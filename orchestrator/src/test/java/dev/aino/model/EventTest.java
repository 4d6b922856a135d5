package dev.aino.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aino.api.Caller;
import dev.aino.api.Role;
import dev.aino.api.Surface;
import dev.aino.error.ValidationException;
import dev.aino.testing.Fixtures;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class EventTest {
  private static final ObjectRef WEB = ObjectRef.workload("web");
  private static final Instant T1 = Fixtures.T0.plusSeconds(1);
  private static final Caller ALICE = new Caller("alice", Role.OPERATOR, Surface.REST);

  private static void refused(Runnable build, String field, String reason) {
    assertThatThrownBy(build::run)
        .isInstanceOfSatisfying(
            ValidationException.class, e -> assertThat(e.field()).isEqualTo(field))
        .hasMessageContaining(reason);
  }

  @Test
  void aNewEventWasSeenOnceAtItsTime() {
    Event e = Event.of(WEB, EventType.WARNING, "Unhealthy", "check failed", Fixtures.T0, ALICE);
    assertThat(e)
        .isEqualTo(
            new Event(
                WEB,
                EventType.WARNING,
                "Unhealthy",
                "check failed",
                1,
                Fixtures.T0,
                Fixtures.T0,
                0,
                ALICE));
    assertThat(Event.of(WEB, EventType.NORMAL, "Scaled", "m", Fixtures.T0).actor()).isNull();
    assertThat(e.storeKey()).isEqualTo(Event.keyPrefix(WEB) + "Unhealthy");
    assertThat(e.withRevision(5).revision()).isEqualTo(5);
    assertThat(e.withRevision(5).withRevision(0)).isEqualTo(e);
  }

  @Test
  void aRepeatCountsUpAndKeepsWhenItFirstHappened() {
    Event first = Event.of(WEB, EventType.NORMAL, "Scaled", "to 2", Fixtures.T0).withRevision(3);
    Event again = first.repeated(EventType.WARNING, "to 3", T1, ALICE);
    assertThat(again)
        .isEqualTo(
            new Event(WEB, EventType.WARNING, "Scaled", "to 3", 2, Fixtures.T0, T1, 3, ALICE));
    assertThat(again.causedBy("alice")).isTrue();
    assertThat(again.causedBy("bob")).isFalse();
    assertThat(first.causedBy("alice")).isFalse();
  }

  @Test
  void unsetFieldsTakeTheirDefaults() {
    Event e = new Event(WEB, null, "Scaled", null, 1, Fixtures.T0, null, 0);
    assertThat(e.type()).isEqualTo(EventType.NORMAL);
    assertThat(e.message()).isEmpty();
    assertThat(e.lastSeen()).isEqualTo(Fixtures.T0);
    assertThat(e.actor()).isNull();
  }

  @Test
  void eachFieldIsChecked() {
    refused(
        () -> new Event(null, null, "Scaled", "", 1, Fixtures.T0, null, 0),
        "object",
        "is required");
    refused(() -> new Event(WEB, null, null, "", 1, Fixtures.T0, null, 0), "reason", "required");
    refused(
        () -> new Event(WEB, null, "scaled", "", 1, Fixtures.T0, null, 0),
        "reason",
        "must be CamelCase letters and digits, got \"scaled\"");
    assertThat(new Event(WEB, null, "S" + "a".repeat(127), "", 1, Fixtures.T0, null, 0).reason())
        .hasSize(128);
    refused(
        () -> new Event(WEB, null, "S" + "a".repeat(128), "", 1, Fixtures.T0, null, 0),
        "reason",
        "CamelCase");
    refused(
        () -> new Event(WEB, null, "Scaled", "", 0, Fixtures.T0, null, 0),
        "count",
        "must be > 0, got 0");
    refused(() -> new Event(WEB, null, "Scaled", "", 1, null, null, 0), "firstSeen", "required");
  }
}

package dev.aino.intent;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ConversationsTest {
  /** A clock the test moves. */
  private static final class Clocks extends Clock {
    Instant now = Instant.parse("2026-01-01T00:00:00Z");

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  @Test
  void keepsAtMostMaxConversationsDroppingTheLeastRecentlyUsed() {
    Conversations c = new Conversations(2, Duration.ofMinutes(30), new Clocks());
    c.open("a").lastWorkload = "web";
    c.open("b");
    c.open("a");
    c.open("c");
    assertThat(c.size()).isEqualTo(2);
    assertThat(c.open("a").lastWorkload).as("a was used after b").isEqualTo("web");
    assertThat(c.open("b").lastWorkload).as("b was dropped and starts anew").isNull();
  }

  @Test
  void forgetsConversationsIdleLongerThanTheLimit() {
    Clocks clock = new Clocks();
    Conversations c = new Conversations(100, Duration.ofMinutes(30), clock);
    c.open("a").lastWorkload = "web";
    clock.now = clock.now.plus(Duration.ofMinutes(31));
    c.open("b");
    assertThat(c.size()).isEqualTo(1);
    assertThat(c.open("a").lastWorkload).isNull();
  }

  @Test
  void givesUnguessableIdsWhenTheClientBringsNone() {
    Conversations c = new Conversations(10, Duration.ofMinutes(1), new Clocks());
    assertThat(c.open(null).id).matches("c-[0-9a-f]{24}").isNotEqualTo(c.open(null).id);
  }
}

package dev.aino.runtime.host;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aino.runtime.LogLine;
import dev.aino.runtime.LogStream;
import dev.aino.runtime.LogSubscription;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Handing collected lines to followers, apart from any file. */
class LogFollowersTest {
  private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

  private final LogFollowers followers = new LogFollowers("container c of instance i");

  @Test
  void aFollowerGetsItsBacklogThenOfferedLinesFromItsInstantOn() {
    List<String> seen = new ArrayList<>();
    followers.add(START.plusSeconds(1), l -> seen.add(l.text()), List.of(line(0), line(1)));
    followers.offer(List.of(line(2)));

    followers.deliver();

    assertThat(seen).containsExactly("1", "2");
    assertThat(followers.isEmpty()).isFalse();
  }

  @Test
  void afterTheFinishEachFollowerIsClosedOnceItHasEveryLine() {
    List<String> seen = new ArrayList<>();
    followers.add(null, l -> seen.add(l.text()), List.of());
    followers.offer(List.of(line(0)));
    followers.finish();

    followers.deliver();

    assertThat(seen).containsExactly("0");
    assertThat(followers.isEmpty()).isTrue();
  }

  @Test
  void linesOfferedBeforeTheFinishButNotYetDeliveredStillArrive() {
    List<String> seen = new ArrayList<>();
    followers.add(null, l -> seen.add(l.text()), List.of());
    followers.deliver();
    followers.offer(List.of(line(0), line(1)));
    followers.finish();

    followers.deliver();

    assertThat(seen).containsExactly("0", "1");
  }

  @Test
  void aFailingConsumerIsDroppedAndTheOthersServed() {
    List<String> seen = new ArrayList<>();
    followers.add(
        null,
        l -> {
          throw new IllegalStateException("consumer broke");
        },
        List.of(line(0)));
    followers.add(null, l -> seen.add(l.text()), List.of(line(0)));

    followers.deliver();
    followers.offer(List.of(line(1)));
    followers.deliver();

    assertThat(seen).containsExactly("0", "1");
  }

  @Test
  void aClosedSubscriptionGetsNothingMore() {
    List<String> seen = new ArrayList<>();
    LogSubscription subscription = followers.add(null, l -> seen.add(l.text()), List.of(line(0)));

    subscription.close();
    followers.offer(List.of(line(1)));
    followers.deliver();

    assertThat(seen).isEmpty();
    assertThat(followers.isEmpty()).isTrue();
  }

  @Test
  void closingAllEndsEverySubscriptionWithLinesPending() {
    List<String> seen = new ArrayList<>();
    followers.add(null, l -> seen.add(l.text()), List.of(line(0)));
    followers.add(null, l -> seen.add(l.text()), List.of(line(0)));

    followers.closeAll();
    followers.deliver();

    assertThat(seen).isEmpty();
    assertThat(followers.isEmpty()).isTrue();
  }

  private static LogLine line(int n) {
    return new LogLine(START.plusSeconds(n), LogStream.STDOUT, Integer.toString(n));
  }
}

package dev.aino.server.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Paging by key with a cursor, and the newest page of a time-ordered list. */
class PageTest {
  private static final List<String> NAMES = List.of("e", "a", "d", "b", "c");

  @Test
  void aPageHoldsTheFirstItemsByKeyAndACursorToTheRest() {
    Page<String> first = Page.byKey(NAMES, Function.identity(), new PageRequest(2, null));

    assertThat(first.items()).containsExactly("a", "b");
    assertThat(first.total()).isEqualTo(5);
    assertThat(first.truncated()).isTrue();
    assertThat(first.next()).isEqualTo("b");
  }

  @Test
  void followingTheCursorVisitsEveryItemOnce() {
    List<String> seen = new ArrayList<>();
    String after = null;
    do {
      Page<String> page = Page.byKey(NAMES, Function.identity(), new PageRequest(2, after));
      seen.addAll(page.items());
      after = page.next();
    } while (after != null);

    assertThat(seen).containsExactly("a", "b", "c", "d", "e");
  }

  @Test
  void theLastPageHasNoCursor() {
    Page<String> last = Page.byKey(NAMES, Function.identity(), new PageRequest(2, "d"));

    assertThat(last.items()).containsExactly("e");
    assertThat(last.truncated()).isFalse();
    assertThat(last.next()).isNull();
  }

  @Test
  void aListThatFitsIsOnePage() {
    Page<String> all = Page.byKey(NAMES, Function.identity(), new PageRequest(5, null));

    assertThat(all.items()).hasSize(5);
    assertThat(all.next()).isNull();
    assertThat(all.truncated()).isFalse();
  }

  @Test
  void theNewestPageKeepsTheLatestInOrder() {
    Page<String> newest = Page.newest(List.of("1", "2", "3", "4"), new PageRequest(3, null));

    assertThat(newest.items()).containsExactly("2", "3", "4");
    assertThat(newest.total()).isEqualTo(4);
    assertThat(newest.truncated()).isTrue();
    assertThat(newest.next()).isNull();

    assertThat(Page.newest(List.of("1"), new PageRequest(3, null)).truncated()).isFalse();
  }
}

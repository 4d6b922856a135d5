package dev.aino.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aino.error.ValidationException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Paging by key with an opaque cursor, and the one validation of a page request. */
class PageTest {
  private static final List<String> NAMES = List.of("e", "a", "d", "b", "c");

  @Test
  void aPageHoldsTheFirstItemsByKeyAndAnOpaqueCursorToTheRest() {
    Page<String> first = Page.of(NAMES, Function.identity(), PageRequest.first(2));

    assertThat(first.items()).containsExactly("a", "b");
    assertThat(first.total()).isEqualTo(5);
    assertThat(first.truncated()).isTrue();
    assertThat(first.nextCursor()).isNotBlank().isNotEqualTo("b");
  }

  @Test
  void followingTheCursorVisitsEveryItemOnceEvenWhenItemsComeAndGo() {
    List<String> names = new ArrayList<>(NAMES);
    List<String> seen = new ArrayList<>();
    String cursor = null;
    do {
      Page<String> page = Page.of(names, Function.identity(), new PageRequest(2, cursor));
      seen.addAll(page.items());
      cursor = page.nextCursor();
      names.remove("a"); // removed once served: no item after it is skipped
      names.add("0"); // sorts before the cursor: not served, no item is repeated
    } while (cursor != null);

    assertThat(seen).containsExactly("a", "b", "c", "d", "e");
  }

  @Test
  void aListThatFitsIsOnePageWithoutACursor() {
    Page<String> all = Page.of(NAMES, Function.identity(), PageRequest.first(5));

    assertThat(all.items()).hasSize(5);
    assertThat(all.nextCursor()).isNull();
    assertThat(all.truncated()).isFalse();
  }

  @Test
  void convertsOnlyThePage() {
    List<String> converted = new ArrayList<>();
    Page<String> page =
        Page.of(NAMES, Function.identity(), PageRequest.first(2))
            .map(
                s -> {
                  converted.add(s);
                  return s.toUpperCase();
                });

    assertThat(page.items()).containsExactly("A", "B");
    assertThat(converted).hasSize(2);
  }

  @Test
  void refusesAForeignCursor() {
    assertThatThrownBy(() -> Page.of(NAMES, Function.identity(), new PageRequest(2, "b")))
        .isInstanceOf(ValidationException.class)
        .hasMessageStartingWith("cursor: is not a cursor from this server");
  }

  @Test
  void aLimitOutOfRangeIsToldItsRangeHoweverLong() {
    assertThatThrownBy(() -> PageRequest.parse("99999999999999", null, 500, 5000))
        .isInstanceOf(ValidationException.class)
        .hasMessage("limit: must be between 1 and 5000, got 99999999999999");
    assertThatThrownBy(() -> PageRequest.parse("0", null, 500, 5000))
        .hasMessage("limit: must be between 1 and 5000, got 0");
    assertThatThrownBy(() -> PageRequest.parse("ten", null, 500, 5000))
        .hasMessage("limit: must be a whole number between 1 and 5000, got \"ten\"");
    assertThatThrownBy(() -> PageRequest.of(501, null, 50, 500))
        .hasMessage("limit: must be between 1 and 500, got 501");
    assertThat(PageRequest.parse(null, null, 500, 5000).limit()).isEqualTo(500);
    assertThat(PageRequest.of(null, "", 50, 500)).isEqualTo(PageRequest.first(50));
  }
}

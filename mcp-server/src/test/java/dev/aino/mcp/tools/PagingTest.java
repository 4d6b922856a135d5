package dev.aino.mcp.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aino.error.ValidationException;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PagingTest {
  private static final List<Integer> HUNDRED =
      IntStream.range(0, 120).boxed().collect(Collectors.toList());

  @Test
  void pagesThroughWithOpaqueCursors() {
    Paging.Page<Integer> first = Paging.page(HUNDRED, null, null);
    assertThat(first.items()).hasSize(50).startsWith(0);
    assertThat(first.total()).isEqualTo(120);
    assertThat(first.nextCursor()).isNotBlank().doesNotContain("50");
    Paging.Page<Integer> second = Paging.page(HUNDRED, first.nextCursor(), 100);
    assertThat(second.items()).hasSize(70).startsWith(50);
    assertThat(second.nextCursor()).isNull();
    assertThat(Paging.more(first)).contains(first.nextCursor());
  }

  @Test
  void convertsOnlyThePage() {
    List<Integer> converted = new java.util.ArrayList<>();
    Paging.Page<String> page =
        Paging.page(HUNDRED, null, 10)
            .map(
                i -> {
                  converted.add(i);
                  return "#" + i;
                });
    assertThat(page.items()).hasSize(10).startsWith("#0");
    assertThat(page.total()).isEqualTo(120);
    assertThat(page.nextCursor()).isNotNull();
    assertThat(converted).hasSize(10);
  }

  @Test
  void refusesForeignCursorsAndLimitsOutOfRange() {
    assertThatThrownBy(() -> Paging.page(HUNDRED, "garbage", null))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("cursor");
    assertThatThrownBy(() -> Paging.page(HUNDRED, null, 501))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("limit");
  }
}

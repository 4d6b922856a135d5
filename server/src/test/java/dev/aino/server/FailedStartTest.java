package dev.aino.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FailedStartTest {
  @Test
  void closesEveryPartThatWasMadeInOrderAndKeepsTheFirstCause() {
    List<String> closed = new ArrayList<>();
    RuntimeException cause = new IllegalStateException("port in use");
    AutoCloseable http = () -> closed.add("http");
    AutoCloseable store =
        () -> {
          closed.add("store");
          throw new IllegalStateException("store already closed");
        };
    AutoCloseable metrics = () -> closed.add("metrics");

    RuntimeException thrown = FailedStart.release(cause, http, null, store, metrics);

    assertThat(thrown).isSameAs(cause);
    assertThat(closed).containsExactly("http", "store", "metrics");
    assertThat(thrown.getSuppressed())
        .singleElement()
        .satisfies(e -> assertThat(e).hasMessage("store already closed"));
  }
}

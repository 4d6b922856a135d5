package dev.aino.server.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class EventStreamReaderTest {
  private static EventStreamReader reading(String stream) {
    return new EventStreamReader(new ByteArrayInputStream(stream.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void readsEventsAndSkipsCommentsRetryAndUnknownFields() throws Exception {
    EventStreamReader events =
        reading(
            "retry: 1000\n\n"
                + "id: c1\n\n"
                + ": keep-alive\n\n"
                + "id: c2\nevent: put\ndata: {\"a\":1}\nfuture: x\n\n"
                + "data:no space\ndata: second line\n\n");

    assertThat(events.lastEventId()).isNull();
    assertThat(events.next()).isEqualTo(new EventStreamReader.Event("put", "c2", "{\"a\":1}"));
    assertThat(events.lastEventId()).isEqualTo("c2");
    // No event field: the standard's default type; no id: the last one stays.
    assertThat(events.next())
        .isEqualTo(new EventStreamReader.Event("message", null, "no space\nsecond line"));
    assertThat(events.lastEventId()).isEqualTo("c2");
    assertThat(events.next()).isNull();
  }

  @Test
  void aBlockWithOnlyAnIdMovesTheCursorWithoutAnEvent() throws Exception {
    EventStreamReader events = reading("id: workload:40\n\n");

    assertThat(events.next()).isNull();
    assertThat(events.lastEventId()).isEqualTo("workload:40");
  }

  @Test
  void anUnfinishedBlockAtTheEndIsNotAnEvent() throws Exception {
    assertThat(reading("event: put\ndata: {}\n").next()).isNull();
  }
}

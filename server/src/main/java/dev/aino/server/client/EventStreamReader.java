package dev.aino.server.client;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * Reads a server-sent event stream ({@code text/event-stream}) event by event as it arrives: the
 * {@code event}, {@code id} and {@code data} fields; comments (keep-alives), {@code retry} and
 * fields it does not know are skipped, as the standard's parser skips them. Not thread-safe.
 */
public final class EventStreamReader {
  /**
   * One event.
   *
   * @param type its {@code event} field, or {@code message} when the block named none
   * @param id its {@code id} field, or null when the block had none
   * @param data its {@code data} lines, joined by line breaks
   */
  public record Event(String type, String id, String data) {}

  private final BufferedReader reader;
  private String lastEventId;

  public EventStreamReader(InputStream body) {
    this.reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
  }

  /**
   * The next event that carries data, waiting for it; null when the stream has ended. A block with
   * an id and no data (a cursor with nothing to say yet) only moves {@link #lastEventId}.
   *
   * @throws IOException when the stream broke off
   */
  public Event next() throws IOException {
    String type = null;
    String id = null;
    StringBuilder data = null;
    for (String line = reader.readLine(); line != null; line = reader.readLine()) {
      if (line.isEmpty()) {
        if (id != null) {
          lastEventId = id;
        }
        if (data != null) {
          return new Event(type == null ? "message" : type, id, data.toString());
        }
        type = null;
        id = null;
        continue;
      }
      if (line.startsWith(":")) {
        continue;
      }
      int colon = line.indexOf(':');
      String field = colon < 0 ? line : line.substring(0, colon);
      String value = colon < 0 ? "" : line.substring(colon + 1);
      if (value.startsWith(" ")) {
        value = value.substring(1);
      }
      switch (field) {
        case "event" -> type = value;
        case "id" -> id = value;
        case "data" -> {
          if (data == null) {
            data = new StringBuilder(value);
          } else {
            data.append('\n').append(value);
          }
        }
        default -> {
          // retry, and fields of later versions
        }
      }
    }
    return null;
  }

  /** The id of the last block that had one, where a reconnect resumes; null before any. */
  public String lastEventId() {
    return lastEventId;
  }
}

package dev.aino.server.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aino.error.UnavailableException;
import dev.aino.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;

/**
 * The store's changes as {@code GET /api/v1/watch} streams them, read one by one as they arrive.
 * Not thread-safe, except {@link #close}, which may be called from any thread to stop reading.
 */
public final class WatchedChanges extends StreamedBody {
  /** What a change did, as the stream's event type names it. */
  public enum Type {
    /** An object was created or changed; {@code object} is it as stored. */
    PUT,
    /** An object was deleted. */
    DELETE,
    /**
     * The stream cannot go on from its cursor ({@code reason} says why), and has ended: list again
     * and watch from the list's revision.
     */
    RESYNC
  }

  /**
   * One change.
   *
   * @param type what it did
   * @param data the event's data as the API documents it: {@code kind}, {@code revision}, {@code
   *     name} and {@code object} (a put), or {@code reason} (a resync)
   */
  public record Change(Type type, JsonNode data) {
    public String kind() {
      return data.path("kind").asText();
    }

    public String name() {
      return data.path("name").asText();
    }

    public long revision() {
      return data.path("revision").asLong();
    }
  }

  private final EventStreamReader events;

  WatchedChanges(InputStream body, URI server) {
    super(body, server);
    this.events = new EventStreamReader(body);
  }

  /**
   * The next change, waiting for it; null once the stream has ended (the server stopped, or {@link
   * #close} was called). Event types of a later version of aino are skipped.
   *
   * @throws UnavailableException when the connection broke; {@link #cursor} is where to resume
   */
  public Change next() {
    while (true) {
      EventStreamReader.Event event = read("watch", events::next);
      if (event == null) {
        return null;
      }
      Type type = type(event.type());
      if (type != null) {
        return new Change(type, decode(event.data()));
      }
    }
  }

  private static Type type(String event) {
    return switch (event) {
      case "put" -> Type.PUT;
      case "delete" -> Type.DELETE;
      case "resync" -> Type.RESYNC;
      default -> null;
    };
  }

  private JsonNode decode(String data) {
    try {
      return Json.mapper().readTree(data);
    } catch (IOException e) {
      throw unreadable("a change", e);
    }
  }

  /**
   * Where the stream stands: the id of its last event (or of its first block, before any change),
   * which a new watch resumes right after; null before the server sent one.
   */
  public String cursor() {
    return events.lastEventId();
  }
}

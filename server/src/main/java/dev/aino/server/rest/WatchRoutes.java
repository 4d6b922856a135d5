package dev.aino.server.rest;

import static dev.aino.server.rest.RestApi.PREFIX;

import dev.aino.api.Change;
import dev.aino.api.ChangeCursor;
import dev.aino.api.ChangeFeed;
import dev.aino.api.ChangeKind;
import dev.aino.error.ValidationException;
import dev.aino.json.Json;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;

/**
 * {@code GET /api/v1/watch?kinds=workload,instance,event&since=REVISION}: the store's changes as
 * server-sent events, one feed an agent or the console follows instead of polling.
 *
 * <p>Each put or delete is an {@code event: put} or {@code event: delete} whose data is {@code
 * {"kind","revision","name","object"}} (no {@code object} on a delete), and whose {@code id} is the
 * {@link ChangeCursor} after it ({@code workload:41,instance:57}): one revision per kind, because
 * the store orders each kind's changes but not the kinds among each other. A client that reconnects
 * with that id as {@code Last-Event-ID} (a browser's EventSource does so by itself) resumes every
 * kind after its own revision: nothing missed, nothing twice. The stream opens with the cursor it
 * starts from as a bare id, so that even a client that saw no event resumes where it started.
 *
 * <p>When the store cannot go on from the cursor (compacted away, or the cursor comes from another
 * store), one {@code event: resync} with {@code {"kind","revision","reason"}} ends the stream: list
 * again and watch with {@code since} = the list's revision + 1. A client too slow to take the
 * changes as fast as they come is disconnected after its last whole event; it resumes from that
 * event's id.
 */
final class WatchRoutes implements Routes {
  static final String PATH = PREFIX + "/watch";

  /** Changes buffered for one slow client before it is disconnected (and resumes by its id). */
  static final int BACKLOG = 10_000;

  private static final Pattern WHOLE_NUMBER = Pattern.compile("[0-9]{1,19}");

  private final ChangeFeed feed;

  WatchRoutes(ChangeFeed feed) {
    this.feed = feed;
  }

  @Override
  public void register(RoutesConfig routes) {
    routes.get(PATH, this::watch);
  }

  private void watch(Context ctx) {
    QueryParams.only(ctx, "kinds", "since");
    Set<ChangeKind> kinds = kinds(ctx.queryParam("kinds"));
    Long since = since(ctx.queryParam("since"));
    String lastEventId = ctx.header("Last-Event-ID");
    ChangeCursor from;
    if (lastEventId != null && !lastEventId.isEmpty()) {
      from = ChangeCursor.parse("Last-Event-ID", lastEventId);
      if (!from.kinds().equals(kinds)) {
        throw new ValidationException(
            "Last-Event-ID",
            "follows "
                + names(from.kinds())
                + " but kinds asks for "
                + names(kinds)
                + "; reconnect with the kinds the id came from");
      }
    } else if (since != null) {
      from = ChangeCursor.after(kinds, since - 1);
    } else {
      from = feed.now(kinds);
    }
    stream(ctx, from);
  }

  private void stream(Context ctx, ChangeCursor from) {
    BlockingQueue<Change> changes = new LinkedBlockingQueue<>(BACKLOG);
    AtomicBoolean overflowed = new AtomicBoolean();
    try (ChangeFeed.Subscription subscription =
        feed.follow(
            from,
            change -> {
              if (!changes.offer(change)) {
                overflowed.set(true);
              }
            })) {
      ServerSentEvents out = ServerSentEvents.open(ctx);
      ChangeCursor cursor = from;
      out.id(cursor.toString());
      while (!overflowed.get()) {
        Change change = changes.poll(ServerSentEvents.KEEPALIVE_SECONDS, TimeUnit.SECONDS);
        if (overflowed.get()) {
          // Changes were dropped after some of those queued: sending any would leave a gap.
          return;
        }
        if (change == null) {
          out.keepAlive();
        } else if (change.type() == Change.Type.RELIST) {
          out.send(
              null,
              "resync",
              json(new Resync(change.kind().wireName(), change.revision(), change.reason())));
          return;
        } else {
          cursor = cursor.advance(change.kind(), change.revision());
          out.send(
              cursor.toString(),
              change.type().name().toLowerCase(Locale.ROOT),
              json(
                  new Data(
                      change.kind().wireName(),
                      change.revision(),
                      change.name(),
                      change.object())));
        }
      }
    } catch (IOException e) {
      // The client went away: nothing to answer.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The data of a put or delete event. */
  record Data(String kind, long revision, String name, Object object) {}

  /** The data of the resync event. */
  record Resync(String kind, long revision, String reason) {}

  private static String json(Object value) {
    return new String(Json.encode(value), StandardCharsets.UTF_8);
  }

  /** {@code ?kinds=workload,event}; absent means every kind. */
  static Set<ChangeKind> kinds(String text) {
    if (text == null) {
      return EnumSet.allOf(ChangeKind.class);
    }
    Set<ChangeKind> kinds = EnumSet.noneOf(ChangeKind.class);
    for (String name : text.split(",", -1)) {
      ChangeKind kind = ChangeKind.ofWireName(name.strip());
      if (kind == null) {
        throw new ValidationException(
            "kinds",
            (name.isBlank() ? "has an empty kind" : "names the unknown kind \"" + clip(name) + "\"")
                + "; the kinds are "
                + ChangeCursor.wireNames());
      }
      if (!kinds.add(kind)) {
        throw new ValidationException("kinds", "names " + kind.wireName() + " twice");
      }
    }
    return kinds;
  }

  /** {@code ?since=N}: a revision of 1 or more; null when absent. */
  static Long since(String text) {
    if (text == null) {
      return null;
    }
    if (!WHOLE_NUMBER.matcher(text).matches()) {
      throw new ValidationException(
          "since",
          "must be a store revision (a whole number of 1 or more), got \"" + clip(text) + "\"");
    }
    long since;
    try {
      since = Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw new ValidationException("since", "is too large: " + text);
    }
    if (since < 1) {
      throw new ValidationException(
          "since", "must be 1 or more (revision 1 is the store's first), got " + text);
    }
    return since;
  }

  private static String names(Set<ChangeKind> kinds) {
    return String.join(",", kinds.stream().map(ChangeKind::wireName).toList());
  }

  private static String clip(String text) {
    return text.length() > 40 ? text.substring(0, 37) + "..." : text;
  }
}

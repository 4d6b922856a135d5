package dev.aino.server.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aino.error.AinoException;
import dev.aino.error.ErrorCode;
import dev.aino.error.UnavailableException;
import dev.aino.error.ValidationException;
import dev.aino.json.Json;
import dev.aino.retry.Backoff;
import dev.aino.server.client.AinoClient;
import dev.aino.server.client.WatchedChanges;
import dev.aino.server.client.WatchedChanges.Change;
import dev.aino.server.format.Yaml;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code aino watch}: the store's changes as they happen, a line each, as {@code kubectl get -w}
 * prints them; the CLI's client of {@code GET /api/v1/watch}.
 */
@Command(
    name = "watch",
    mixinStandardHelpOptions = true,
    description = {
      "Print each change of workloads, instances, events and nodes as it happens, until Ctrl-C.",
      "",
      "A broken connection is resumed where it left off, so no change is printed twice or missed."
          + " With -o json each change is one line of JSON, for scripts.",
      ""
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  aino watch                               every change from now on",
      "  aino watch --kinds instance,event        only instances and events",
      "  aino watch --kinds event --count 1       wait for the next event, print it, exit",
      "  aino watch --since 1 -o json             every change the store still holds, as JSON"
    })
final class WatchCommand extends ServerCommand {
  /** How long a broken watch tries to resume before it gives up. */
  private static final Duration RESUME_FOR = Duration.ofMinutes(1);

  private static final Backoff RESUME = new Backoff(Duration.ofMillis(200), Duration.ofSeconds(5));
  private static final String ROW = "%-8s  %-8s  %-36s  %s";
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);

  @Option(
      names = "--kinds",
      split = ",",
      paramLabel = "KIND",
      description = "Only these: workload, instance, event, node (comma-separated). Default: all.")
  private List<String> kinds = new ArrayList<>();

  @Option(
      names = "--since",
      paramLabel = "REVISION",
      description =
          "Start with the changes at this store revision and later (1 for all the store still"
              + " holds). Default: changes from now on.")
  private Long since;

  @Option(names = "--count", paramLabel = "N", description = "Exit after printing N changes.")
  private Integer count;

  /**
   * Where the stream stands: the id of the last change printed, which a reconnect resumes after.
   */
  private String cursor;

  WatchCommand(CliContext context) {
    super(context);
  }

  @Override
  int run(AinoClient client) {
    if (count != null && count < 1) {
      throw new ValidationException("--count", "must be 1 or more, got " + count);
    }
    if (since != null && since < 1) {
      throw new ValidationException(
          "--since", "must be a store revision of 1 or more, got " + since);
    }
    int printed = 0;
    int failures = 0;
    boolean headed = false;
    Instant brokeAt = null;
    while (true) {
      WatchedChanges changes = null;
      UnavailableException broken = null;
      try {
        changes = client.watch(kinds, since, cursor);
        if (!headed && output().isTable()) {
          // After the server took the request: a refused one prints only why.
          out()
              .println(
                  String.format(Locale.ROOT, ROW, "TIME", "KIND", "NAME", "CHANGE")
                      .stripTrailing());
          out().flush();
          headed = true;
        }
        for (Change change = changes.next(); change != null; change = changes.next()) {
          failures = 0;
          brokeAt = null;
          if (change.type() == WatchedChanges.Type.RESYNC) {
            err()
                .println(
                    "aino watch: the server cannot go on from here ("
                        + change.data().path("reason").asText()
                        + "); list again ('aino get') and watch with --since "
                        + (change.data().path("revision").asLong() + 1));
            return CliErrors.FAILURE;
          }
          print(change);
          printed++;
          if (count != null && printed >= count) {
            return 0;
          }
        }
      } catch (UnavailableException e) {
        broken = e;
      } finally {
        if (changes != null) {
          cursor = changes.cursor() == null ? cursor : changes.cursor();
          changes.close();
        }
      }
      if (broken != null) {
        if (cursor == null) {
          // Never connected, or broken before the server named a place: nothing to resume.
          throw broken;
        }
        if (brokeAt == null) {
          brokeAt = now();
          err().println("aino watch: " + broken.getMessage() + "; resuming");
          err().flush();
        } else if (Duration.between(brokeAt, now()).compareTo(RESUME_FOR) > 0) {
          throw broken;
        }
      }
      // The stream ended (the server stopped, or dropped a reader too slow for its backlog) or
      // broke: resume right after the last change printed.
      failures++;
      try {
        Thread.sleep(RESUME.delay(failures).toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return 0;
      }
    }
  }

  private void print(Change change) {
    switch (output()) {
      case JSON -> out().println(structured(change));
      case YAML -> {
        try {
          out().print(Yaml.mapper().writeValueAsString(withType(change)));
        } catch (JsonProcessingException e) {
          throw new AinoException(ErrorCode.INTERNAL, "cannot print the change as YAML", e);
        }
      }
      default ->
          out()
              .println(
                  String.format(
                          Locale.ROOT,
                          ROW,
                          TIME.format(now().atZone(ZoneId.systemDefault())),
                          change.kind(),
                          change.name(),
                          summary(change))
                      .stripTrailing());
    }
    out().flush();
  }

  /** The change as one line of JSON: its type, then the event's fields. */
  private static String structured(Change change) {
    try {
      return Json.mapper().writeValueAsString(withType(change));
    } catch (JsonProcessingException e) {
      throw new AinoException(ErrorCode.INTERNAL, "cannot print the change as JSON", e);
    }
  }

  private static ObjectNode withType(Change change) {
    ObjectNode node = Json.mapper().createObjectNode();
    node.put("type", change.type().name().toLowerCase(Locale.ROOT));
    change.data().fields().forEachRemaining(f -> node.set(f.getKey(), f.getValue()));
    return node;
  }

  /** What changed, in a few words, from the object as stored. */
  static String summary(Change change) {
    if (change.type() == WatchedChanges.Type.DELETE) {
      return "deleted";
    }
    JsonNode o = change.data().path("object");
    return switch (change.kind()) {
      case "instance" ->
          o.path("phase").asText()
              + (o.hasNonNull("node") ? " on " + o.path("node").asText() : "")
              + (o.hasNonNull("reason") ? " (" + o.path("reason").asText() + ")" : "");
      case "workload" ->
          (o.hasNonNull("deletionRequestedAt") ? "deleting, " : "")
              + "generation "
              + o.path("generation").asLong()
              + ", "
              + o.path("spec").path("replicas").asInt()
              + " replicas";
      case "event" ->
          o.path("type").asText()
              + " "
              + o.path("reason").asText()
              + (o.path("count").asLong() > 1 ? " (x" + o.path("count").asLong() + ")" : "")
              + ": "
              + o.path("message").asText();
      case "node" ->
          o.path("status").asText() + (o.path("schedulable").asBoolean(true) ? "" : ", cordoned");
      default -> "changed";
    };
  }
}

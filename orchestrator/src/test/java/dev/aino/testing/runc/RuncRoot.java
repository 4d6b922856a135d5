package dev.aino.testing.runc;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aino.json.Json;
import dev.aino.runtime.host.HostCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The containers of one runc {@code --root} (a test's own directory), as {@code runc --root ROOT
 * list} shows them; and their forced removal, by id, when a test is done.
 */
public final class RuncRoot {
  /** The message of the failure when runc is missing. */
  public static final String NOT_FOUND = "runc not found: install it with apt-get install runc";

  private static final List<Path> CANDIDATES =
      List.of(
          Path.of("/usr/sbin/runc"),
          Path.of("/usr/bin/runc"),
          Path.of("/usr/local/sbin/runc"),
          Path.of("/usr/local/bin/runc"));
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final Path runc;
  private final Path root;
  private final HostCommand commands;

  /**
   * @param root the {@code --root} to look at
   * @param scratch a directory for the commands' output
   * @throws IllegalStateException saying what to install when runc is missing
   */
  public RuncRoot(Path root, Path scratch) {
    this.runc = binary();
    this.root = root;
    this.commands = new HostCommand(scratch);
  }

  /** runc, found where Debian and a source install put it. */
  public static Path binary() {
    return CANDIDATES.stream()
        .filter(Files::isExecutable)
        .findFirst()
        .orElseThrow(() -> new IllegalStateException(NOT_FOUND));
  }

  /**
   * One container as {@code runc list} reports it.
   *
   * @param id container id
   * @param pid its init's pid on the host (0 once stopped)
   * @param status {@code created}, {@code running}, {@code paused} or {@code stopped}
   */
  public record Container(String id, long pid, String status) {}

  /** Every container under the root; none when the root does not exist. */
  public List<Container> list() {
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    JsonNode array = json(run("list", "--format", "json"));
    List<Container> containers = new ArrayList<>();
    for (JsonNode c : array) {
      containers.add(
          new Container(c.path("id").asText(), c.path("pid").asLong(), c.path("status").asText()));
    }
    return containers;
  }

  /** The host pid of a running container's init, from {@code runc state}. */
  public long initPid(String id) {
    return json(run("state", id)).path("pid").asLong();
  }

  /** {@code runc delete --force} for every container under the root. */
  public void deleteAll() {
    for (Container c : list()) {
      commands.run("removing " + c.id(), argv("delete", "--force", c.id()), TIMEOUT);
    }
  }

  private String run(String... args) {
    HostCommand.Result result = commands.run("runc " + args[0], argv(args), TIMEOUT);
    if (!result.succeeded()) {
      throw new IllegalStateException(
          "runc --root " + root + " " + String.join(" ", args) + ": " + result.diagnostic());
    }
    return result.stdout();
  }

  private List<String> argv(String... args) {
    List<String> argv = new ArrayList<>(List.of(runc.toString(), "--root", root.toString()));
    argv.addAll(List.of(args));
    return argv;
  }

  /** runc prints {@code null} for an empty list. */
  private static JsonNode json(String text) {
    try {
      return Json.mapper().readTree(text.isBlank() ? "null" : text);
    } catch (IOException e) {
      throw new UncheckedIOException("runc printed no JSON: " + text, e);
    }
  }
}

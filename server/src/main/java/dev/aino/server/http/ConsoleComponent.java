package dev.aino.server.http;

import dev.aino.api.ChangeFeed;
import dev.aino.api.OrchestratorService;
import dev.aino.api.Surface;
import dev.aino.console.Console;
import dev.aino.intent.IntentEngine;
import io.javalin.config.JavalinConfig;
import java.time.Clock;
import java.util.Set;

/**
 * The web console at {@code /} on the shared server: its pages see the caller the {@link
 * RequestGuard} authenticated (by bearer token or console session) through {@link Surface#CONSOLE},
 * and its errors carry the statuses of the rest of the server.
 */
public final class ConsoleComponent implements HttpComponent, AutoCloseable {
  private final Console console;

  private ConsoleComponent(Console console) {
    this.console = console;
  }

  /** The console over {@code service}, logging people in through {@code sessions}. */
  public static ConsoleComponent create(
      OrchestratorService service,
      ChangeFeed changes,
      IntentEngine intents,
      ConsoleSessions sessions) {
    return new ConsoleComponent(
        new Console(
            service,
            changes,
            intents,
            sessions,
            request -> RequestCallers.of(request, Surface.CONSOLE),
            ErrorMapping::status,
            Clock.systemUTC()));
  }

  @Override
  public void configure(JavalinConfig config) {
    console.configure(config);
  }

  @Override
  public Set<String> publicPaths() {
    return console.publicPaths();
  }

  @Override
  public void close() {
    console.close();
  }
}

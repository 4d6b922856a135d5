package dev.aino.store.sqlite;

import dev.aino.model.Instance;
import dev.aino.store.StoreOptions;
import dev.aino.testing.Fixtures;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/**
 * Runs in a child JVM for {@link SqliteCrashTest}: opens the store in the data directory given as
 * the only argument, prints {@code open <revision>}, then creates instances one at a time and
 * prints {@code ack <id> <revision>} after each create returned. A line is printed only after the
 * write was acknowledged, so every printed id must survive a kill.
 */
public final class AcknowledgingWriter {
  /** A bound, so a writer whose test forgot it still stops. */
  private static final int MAX_WRITES = 100_000;

  private AcknowledgingWriter() {}

  public static void main(String[] args) {
    exitWhenTheParentGoesAway();
    SqliteStateStore store = SqliteStateStore.open(Path.of(args[0]), StoreOptions.defaults());
    System.out.println("open " + store.revision());
    System.out.flush();
    for (int i = 0; i < MAX_WRITES; i++) {
      Instance created = store.create(Fixtures.instance("web", "w" + i));
      System.out.println("ack " + created.id() + " " + created.revision());
      System.out.flush();
    }
    store.close();
  }

  /** The parent holds our stdin; when it dies the pipe closes and we stop writing. */
  private static void exitWhenTheParentGoesAway() {
    Thread watchdog =
        new Thread(
            () -> {
              try (InputStream in = System.in) {
                while (in.read() >= 0) {
                  // Nothing is sent; we only wait for end of input.
                }
              } catch (IOException ignored) {
                // A broken pipe means the same as end of input.
              }
              Runtime.getRuntime().halt(3);
            },
            "parent-watchdog");
    watchdog.setDaemon(true);
    watchdog.start();
  }
}

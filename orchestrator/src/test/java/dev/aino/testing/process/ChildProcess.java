package dev.aino.testing.process;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * One program a test runs, with its output appended to a log file. It is killed when the JVM exits,
 * so a test run that dies leaves no etcd or registry behind; {@link #stop} ends it with SIGTERM,
 * then SIGKILL after a grace period.
 */
public final class ChildProcess {
  /** Whether the program answers yet; an {@link IOException} means "not listening yet". */
  @FunctionalInterface
  public interface ReadyProbe {
    boolean ready() throws IOException, InterruptedException;
  }

  private static final Duration POLL = Duration.ofMillis(25);

  private final String name;
  private final Process process;
  private final Thread killOnExit;

  private ChildProcess(String name, Process process) {
    this.name = name;
    this.process = process;
    this.killOnExit = new Thread(process::destroyForcibly, name + "-" + process.pid() + "-kill");
    Runtime.getRuntime().addShutdownHook(killOnExit);
  }

  /**
   * A program's binary: {@code usual} when it is executable, else {@code binaryName} in one of
   * {@code path}'s directories.
   *
   * @throws IllegalStateException with {@code notFound} (what to install) when there is none
   */
  public static Path locate(String binaryName, Path usual, String path, String notFound) {
    if (Files.isExecutable(usual)) {
      return usual;
    }
    if (path != null) {
      for (String entry : path.split(File.pathSeparator)) {
        if (!entry.isEmpty() && Files.isExecutable(Paths.get(entry, binaryName))) {
          return Paths.get(entry, binaryName);
        }
      }
    }
    throw new IllegalStateException(notFound);
  }

  /** Runs {@code command} with its output, both streams, appended to {@code log}. */
  public static ChildProcess start(String name, ProcessBuilder command, Path log) {
    command
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    try {
      return new ChildProcess(name, command.start());
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot run " + command.command().get(0) + ": " + e.getMessage(), e);
    }
  }

  /** A loopback port that was free a moment ago (a caller retries when it is taken meanwhile). */
  public static int freeLoopbackPort() {
    return freeLoopbackPorts(1).get(0);
  }

  /** {@code count} distinct loopback ports that were free a moment ago. */
  public static List<Integer> freeLoopbackPorts(int count) {
    ServerSocket[] sockets = new ServerSocket[count];
    try {
      Integer[] ports = new Integer[count];
      for (int i = 0; i < count; i++) {
        sockets[i] = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        ports[i] = sockets[i].getLocalPort();
      }
      return List.of(ports);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot find free loopback ports", e);
    } finally {
      for (ServerSocket socket : sockets) {
        if (socket != null) {
          try {
            socket.close();
          } catch (IOException ignored) {
            // Closing a listening socket we opened does not fail in a way that matters here.
          }
        }
      }
    }
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  public long pid() {
    return process.pid();
  }

  /**
   * Polls {@code probe} until it says ready.
   *
   * @param log the program's output so far, put in the failure's message
   * @throws IllegalStateException when the program exits first or is not ready within {@code
   *     timeout}, with its output
   */
  public void awaitReady(Duration timeout, ReadyProbe probe, Supplier<String> log) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            name
                + " (pid "
                + process.pid()
                + ") exited with "
                + process.exitValue()
                + "; its log:\n"
                + log.get());
      }
      try {
        if (probe.ready()) {
          return;
        }
      } catch (IOException notYet) {
        // Not listening yet.
      } catch (InterruptedException e) {
        throw interrupted(e);
      }
      try {
        Thread.sleep(POLL.toMillis());
      } catch (InterruptedException e) {
        throw interrupted(e);
      }
    }
    throw new IllegalStateException(
        name
            + " (pid "
            + process.pid()
            + ") did not answer within "
            + timeout
            + "; its log:\n"
            + log.get());
  }

  /** SIGTERM, then SIGKILL when it has not exited after {@code grace}; waits for the exit. */
  public void stop(Duration grace) {
    process.destroy();
    try {
      if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    try {
      Runtime.getRuntime().removeShutdownHook(killOnExit);
    } catch (IllegalStateException shuttingDown) {
      // The JVM is exiting: the hook runs anyway and finds the process gone.
    }
  }

  private IllegalStateException interrupted(InterruptedException e) {
    Thread.currentThread().interrupt();
    return new IllegalStateException("interrupted while waiting for " + name, e);
  }
}

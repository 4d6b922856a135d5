package dev.aino.store.sqlite;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** An {@link AcknowledgingWriter} in a child JVM, and what it has printed so far. */
final class ChildWriter implements AutoCloseable {
  private static final String END = "\u0000end";

  private final Process process;
  private final Path stderr;
  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
  private final Thread pump;

  private ChildWriter(Process process, Path stderr) {
    this.process = process;
    this.stderr = stderr;
    this.pump = new Thread(this::pumpStdout, "child-writer-stdout-" + process.pid());
    pump.setDaemon(true);
    pump.start();
  }

  /** Starts a writer on {@code dataDir}, with this JVM's java binary and class path. */
  static ChildWriter start(Path dataDir, Path workDir) throws IOException {
    String java =
        ProcessHandle.current()
            .info()
            .command()
            .orElseThrow(
                () ->
                    new AssertionError(
                        "cannot tell which java binary runs this test; run the tests with a JDK"
                            + " whose ProcessHandle reports its command"));
    Path stderr = Files.createTempFile(workDir, "child-writer", ".stderr");
    ProcessBuilder builder =
        new ProcessBuilder(
                java,
                "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC",
                "-cp",
                System.getProperty("java.class.path"),
                AcknowledgingWriter.class.getName(),
                dataDir.toString())
            .redirectError(stderr.toFile());
    return new ChildWriter(builder.start(), stderr);
  }

  long pid() {
    return process.pid();
  }

  private void pumpStdout() {
    try (BufferedReader out =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        lines.add(line);
      }
    } catch (IOException ignored) {
      // The child was killed mid-line; what was read is all there is.
    } finally {
      lines.add(END);
    }
  }

  /** Waits for the next line the child printed; fails with its stderr when it ends or stalls. */
  String nextLine() throws InterruptedException {
    String line = lines.poll(60, TimeUnit.SECONDS);
    if (line == null || line.equals(END)) {
      if (line != null) {
        lines.add(END);
      }
      throw new AssertionError(
          "the child writer "
              + (line == null ? "printed nothing for 60 s" : "ended")
              + "; its stderr:\n"
              + stderrText());
    }
    return line;
  }

  /** Kills the child with SIGKILL and returns every line it printed that was not yet taken. */
  List<String> killAndDrain() throws InterruptedException {
    process.destroyForcibly();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      throw new AssertionError("child writer " + process.pid() + " survived SIGKILL for 60 s");
    }
    pump.join(TimeUnit.SECONDS.toMillis(60));
    List<String> rest = new ArrayList<>();
    lines.drainTo(rest);
    rest.remove(END);
    return rest;
  }

  private String stderrText() {
    try {
      return Files.readString(stderr, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(unreadable: " + e.getMessage() + ")";
    }
  }

  @Override
  public void close() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(60, TimeUnit.SECONDS);
  }
}

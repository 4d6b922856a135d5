package dev.aino.runtime.host;

import dev.aino.error.RuntimeFailureException;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a short host command (the OCI runtime's CLI, {@code mount}) from an argv list, never through
 * a shell, and waits for it with a timeout. Output goes to temporary files rather than pipes, so no
 * thread has to drain them and a chatty command cannot block on a full pipe.
 */
public final class HostCommand {
  /** Output kept per stream; more is cut off (commands here print a few lines at most). */
  private static final int MAX_OUTPUT = 1024 * 1024;

  private final Path scratch;

  /** Commands whose output is buffered in files under {@code scratch}. */
  public HostCommand(Path scratch) {
    this.scratch = scratch;
    try {
      Files.createDirectories(scratch);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + scratch, e);
    }
  }

  /**
   * What a finished command did.
   *
   * @param exitCode its exit code
   * @param stdout its standard output
   * @param stderr its standard error
   */
  public record Result(int exitCode, String stdout, String stderr) {
    public boolean succeeded() {
      return exitCode == 0;
    }

    /** Standard error, else standard output, trimmed: what to show when it failed. */
    public String diagnostic() {
      String text = stderr.isBlank() ? stdout : stderr;
      return text.strip();
    }
  }

  /**
   * Runs {@code argv} and waits up to {@code timeout}.
   *
   * @param doing what the caller was doing, for the failure message ("deleting container x")
   * @throws RuntimeFailureException when it cannot be started or does not finish in time (it is
   *     then killed); a non-zero exit is returned, not thrown
   */
  public Result run(String doing, List<String> argv, Duration timeout) {
    File out = null;
    File err = null;
    Process process = null;
    try {
      out = Files.createTempFile(scratch, "cmd", ".out").toFile();
      err = Files.createTempFile(scratch, "cmd", ".err").toFile();
      process =
          new ProcessBuilder(argv)
              .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
              .redirectOutput(out)
              .redirectError(err)
              .start();
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new RuntimeFailureException(
            doing + ": " + argv.get(0) + " did not finish within " + timeout.toMillis() + " ms");
      }
      return new Result(process.exitValue(), read(out.toPath()), read(err.toPath()));
    } catch (IOException e) {
      throw new RuntimeFailureException(
          doing + ": cannot run " + argv.get(0) + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      if (process != null) {
        process.destroyForcibly();
      }
      throw new RuntimeFailureException(doing + ": interrupted", e);
    } finally {
      delete(out);
      delete(err);
    }
  }

  /** The first {@code MAX_OUTPUT} bytes of {@code file} as text. */
  public static String read(Path file) throws IOException {
    byte[] bytes;
    try (var in = Files.newInputStream(file)) {
      bytes = in.readNBytes(MAX_OUTPUT);
    }
    return new String(bytes, StandardCharsets.UTF_8);
  }

  private static void delete(File file) {
    if (file != null && !file.delete() && file.exists()) {
      file.deleteOnExit();
    }
  }
}

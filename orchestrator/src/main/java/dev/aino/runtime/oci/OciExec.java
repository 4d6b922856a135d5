package dev.aino.runtime.oci;

import dev.aino.error.RuntimeFailureException;
import dev.aino.runtime.ContainerHandle;
import dev.aino.runtime.ExecResult;
import dev.aino.runtime.host.HostCommand;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One {@code exec} into a running container (a {@code COMMAND} health check): the command's output
 * goes to files in the bundle, its pid to a pid file, so that on timeout the command itself is
 * killed, not only the runtime process waiting for it.
 */
final class OciExec {
  private static final Duration REAP_WAIT = Duration.ofSeconds(5);

  private final OciCli cli;
  private final Path dir;
  private final int maxOutput;

  OciExec(OciCli cli, Path dir, int maxOutput) {
    this.cli = cli;
    this.dir = dir;
    this.maxOutput = maxOutput;
  }

  ExecResult run(ContainerHandle handle, List<String> argv, Duration timeout) {
    String doing = "running " + argv + " in " + handle;
    if (argv.isEmpty()) {
      throw new RuntimeFailureException(doing + ": no command given");
    }
    Path out = null;
    Path err = null;
    Path pidFile = null;
    Process process = null;
    try {
      Files.createDirectories(dir);
      out = Files.createTempFile(dir, "exec", ".out");
      err = Files.createTempFile(dir, "exec", ".err");
      pidFile = out.resolveSibling(out.getFileName() + ".pid");
      process =
          new ProcessBuilder(cli.execArgv(handle.containerId(), pidFile, argv))
              .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
              .redirectOutput(out.toFile())
              .redirectError(err.toFile())
              .start();
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        killCommand(pidFile);
        if (!process.waitFor(REAP_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
          process.destroyForcibly();
        }
        return ExecResult.timedOut(read(out), read(err));
      }
      int code = process.exitValue();
      if (code != 0 && !Files.exists(pidFile)) {
        // The command never started: the runtime explains why on stderr.
        throw new RuntimeFailureException(doing + ": " + OciMessages.lastError(read(err)));
      }
      return ExecResult.exited(code, read(out), read(err));
    } catch (IOException e) {
      throw new RuntimeFailureException(doing + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      if (process != null) {
        killCommand(pidFile);
        process.destroyForcibly();
      }
      throw new RuntimeFailureException(doing + ": interrupted", e);
    } finally {
      for (Path file : new Path[] {out, err, pidFile}) {
        if (file != null) {
          try {
            Files.deleteIfExists(file);
          } catch (IOException e) {
            file.toFile().deleteOnExit();
          }
        }
      }
    }
  }

  private static void killCommand(Path pidFile) {
    try {
      long pid = Long.parseLong(Files.readString(pidFile).trim());
      ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
    } catch (IOException | NumberFormatException e) {
      // not started yet, or already gone
    }
  }

  private String read(Path file) throws IOException {
    String text = HostCommand.read(file);
    return text.length() > maxOutput ? text.substring(0, maxOutput) : text;
  }
}

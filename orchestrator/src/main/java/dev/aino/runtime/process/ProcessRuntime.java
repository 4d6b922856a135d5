package dev.aino.runtime.process;

import dev.aino.error.RuntimeFailureException;
import dev.aino.files.FileTrees;
import dev.aino.model.RuntimeInfo;
import dev.aino.runtime.ContainerHandle;
import dev.aino.runtime.ContainerSpec;
import dev.aino.runtime.ContainerStatus;
import dev.aino.runtime.ExecResult;
import dev.aino.runtime.ResourceUsage;
import dev.aino.runtime.host.ContainerLogFiles;
import dev.aino.runtime.host.ExitRecord;
import dev.aino.runtime.host.GracefulStop;
import dev.aino.runtime.host.HostCommand;
import dev.aino.runtime.host.HostRuntime;
import dev.aino.runtime.host.JsonFiles;
import dev.aino.runtime.host.ProcStat;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs workloads as plain host processes, as Nomad's raw_exec does, for hosts without an OCI
 * runtime. It isolates nothing: the image is ignored (the workload's command runs from the host's
 * PATH), CPU and memory limits are not enforced, and the process sees the host's filesystem,
 * processes and network with the agent's user. Its fingerprint says so ({@code isolating=false}).
 *
 * <p>Each instance gets {@code <data dir>/process/<instance-id>/} (mode 700): {@code work/} is the
 * process's working directory, {@code logs/} its output (see {@link ContainerLogFiles}), {@code
 * process.json} its pid and start time for recovery and {@code exit.json} how it ended. The process
 * gets a clean environment: the agent's {@code PATH}, {@code HOME} set to its working directory,
 * and the workload's variables; nothing else of the agent's environment leaks to it.
 *
 * <p>A workload's {@code init: true} is accepted and needs nothing here: with no PID namespace the
 * process is not PID 1, so SIGTERM has its default action, and the children it orphans are reaped
 * by the host's init; what aino-init gives a container, the host already gives a process.
 */
public final class ProcessRuntime extends HostRuntime<HostProcess, ProcessRecord> {
  /** The name in handles and in the node's fingerprint. */
  public static final String NAME = "process";

  private static final Logger LOG = LoggerFactory.getLogger(ProcessRuntime.class);
  private static final String DEFAULT_PATH = "/usr/local/bin:/usr/bin:/bin";
  private static final int MAX_EXEC_OUTPUT = 64 * 1024;
  private static final FileAttribute<?> OWNER_ONLY =
      PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));

  private ProcessRuntime(ProcessRuntimeConfig config, Path root) {
    super(NAME, config.logLimits(), root);
  }

  /**
   * Opens the driver over {@code config.dataDir()}; processes already there are recovered lazily.
   */
  public static ProcessRuntime open(ProcessRuntimeConfig config) {
    Objects.requireNonNull(config, "config");
    Path root = config.dataDir().resolve("process");
    try {
      Files.createDirectories(root);
    } catch (IOException e) {
      throw new RuntimeFailureException(
          "opening the process runtime: cannot create " + root + ": " + e, e);
    }
    LOG.warn(
        "the process runtime runs workloads as plain host processes: images are ignored and"
            + " nothing is isolated or limited");
    return new ProcessRuntime(config, root);
  }

  @Override
  public RuntimeInfo fingerprint() {
    return new RuntimeInfo(NAME, System.getProperty("os.version", ""), false);
  }

  @Override
  public ContainerHandle start(ContainerSpec spec) {
    Objects.requireNonNull(spec, "spec");
    String instance = spec.instanceId();
    requireOpen(instance);
    List<String> argv = spec.argv();
    if (argv.isEmpty()) {
      throw new RuntimeFailureException(
          "starting instance "
              + instance
              + ": the process runtime ignores images, so it cannot use the entrypoint of "
              + spec.image()
              + "; give the workload a command");
    }
    ContainerHandle handle = newHandle(instance);
    Path dir = reserve(instance, OWNER_ONLY);
    try {
      Path work = Files.createDirectories(dir.resolve("work"));
      ContainerLogFiles logs = openLogs(dir.resolve("logs"), handle);
      Map<String, String> env = environment(spec.env(), work);
      ProcessBuilder builder =
          new ProcessBuilder(argv)
              .directory(work.toFile())
              .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
              .redirectOutput(logs.stdoutTarget())
              .redirectError(logs.stderrTarget());
      builder.environment().clear();
      builder.environment().putAll(env);
      Process process = builder.start();
      long startTicks = ProcStat.read(process.pid()).map(ProcStat::startTicks).orElse(0L);
      ProcessRecord record =
          new ProcessRecord(
              handle.containerId(),
              instance,
              process.pid(),
              startTicks,
              clock().instant(),
              argv,
              env);
      JsonFiles.write(dir.resolve("process.json"), record);
      HostProcess host =
          HostProcess.started(handle, record, logs, dir.resolve("exit.json"), clock(), process);
      track(host, process);
      LOG.info(
          "instance {}: running {} as host process {} (image {} ignored, nothing isolated)",
          instance,
          argv.get(0),
          process.pid(),
          spec.image());
      return handle;
    } catch (IOException | RuntimeException e) {
      deleteQuietly(dir);
      throw new RuntimeFailureException("starting instance " + instance + ": " + e.getMessage(), e);
    }
  }

  @Override
  public ResourceUsage stats(ContainerHandle handle) {
    return require(handle, "reading stats of").usage();
  }

  /** Runs {@code argv} on the host in the process's working directory and environment. */
  @Override
  public ExecResult exec(ContainerHandle handle, List<String> argv, Duration timeout) {
    Objects.requireNonNull(argv, "argv");
    Objects.requireNonNull(timeout, "timeout");
    String doing = "running " + argv + " beside";
    HostProcess host = requireRunning(handle, doing);
    if (argv.isEmpty()) {
      throw new RuntimeFailureException(doing + " " + handle + ": no command given");
    }
    Path dir = instanceDir(handle.instanceId());
    Path out = null;
    Path err = null;
    Process process = null;
    try {
      out = Files.createTempFile(dir, "exec", ".out");
      err = Files.createTempFile(dir, "exec", ".err");
      ProcessBuilder builder =
          new ProcessBuilder(argv)
              .directory(dir.resolve("work").toFile())
              .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
              .redirectOutput(out.toFile())
              .redirectError(err.toFile());
      builder.environment().clear();
      builder.environment().putAll(host.record.env());
      process = builder.start();
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        new ProcessTree(process.toHandle()).kill();
        process.waitFor(GracefulStop.KILL_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        return ExecResult.timedOut(read(out), read(err));
      }
      return ExecResult.exited(process.exitValue(), read(out), read(err));
    } catch (IOException e) {
      throw new RuntimeFailureException(doing + " " + handle + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      if (process != null) {
        new ProcessTree(process.toHandle()).kill();
      }
      throw new RuntimeFailureException(doing + " " + handle + ": interrupted", e);
    } finally {
      deleteQuietly(out);
      deleteQuietly(err);
    }
  }

  @Override
  protected Optional<ProcessRecord> readRecord(Path dir) {
    return JsonFiles.read(dir.resolve("process.json"), ProcessRecord.class);
  }

  /** Takes over a process found on disk after an agent restart; never starts anything. */
  @Override
  protected HostProcess takeOver(Path dir, ProcessRecord record, ContainerHandle handle) {
    ContainerLogFiles logs = openLogs(dir.resolve("logs"), handle);
    Path exitFile = dir.resolve("exit.json");
    if (ProcStat.isAlive(record.pid(), record.startTicks())) {
      return HostProcess.adoptedRunning(handle, record, logs, exitFile, clock());
    }
    ExitRecord exit = JsonFiles.read(exitFile, ExitRecord.class).orElse(null);
    return HostProcess.adoptedEnded(handle, record, logs, exitFile, clock(), exit);
  }

  @Override
  protected void signal(HostProcess host, int signal) {
    if (signal == ContainerStatus.SIGKILL) {
      host.kill();
    } else {
      host.terminate();
    }
  }

  /** Kills the process tree. */
  @Override
  protected void kill(HostProcess host) {
    host.kill();
  }

  /** Removes the instance's directory. */
  @Override
  protected void removeFiles(HostProcess host) {
    try {
      FileTrees.delete(instanceDir(host.handle().instanceId()));
    } catch (IOException e) {
      throw new RuntimeFailureException(
          "destroying " + host.handle() + ": cannot remove its directory: " + e, e);
    }
  }

  /** Logs are collected while the process runs; each poll also notes its new descendants. */
  @Override
  protected BooleanSupplier collecting(HostProcess host) {
    return () -> {
      host.lookAtDescendants();
      return host.isRunning();
    };
  }

  private static Map<String, String> environment(Map<String, String> env, Path work) {
    Map<String, String> merged = new LinkedHashMap<>();
    merged.put("PATH", Objects.requireNonNullElse(System.getenv("PATH"), DEFAULT_PATH));
    merged.put("HOME", work.toString());
    merged.putAll(env);
    return merged;
  }

  private static String read(Path file) throws IOException {
    String text = HostCommand.read(file);
    return text.length() > MAX_EXEC_OUTPUT ? text.substring(0, MAX_EXEC_OUTPUT) : text;
  }

  private static void deleteQuietly(Path path) {
    if (path == null) {
      return;
    }
    try {
      FileTrees.delete(path);
    } catch (IOException e) {
      LOG.debug("could not delete {}: {}", path, e.toString());
    }
  }
}

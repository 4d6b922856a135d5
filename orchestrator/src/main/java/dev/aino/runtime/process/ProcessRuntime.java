package dev.aino.runtime.process;

import dev.aino.error.AinoException;
import dev.aino.error.RuntimeFailureException;
import dev.aino.files.FileTrees;
import dev.aino.model.RuntimeInfo;
import dev.aino.model.Validate;
import dev.aino.runtime.ContainerHandle;
import dev.aino.runtime.ContainerRuntime;
import dev.aino.runtime.ContainerSpec;
import dev.aino.runtime.ContainerState;
import dev.aino.runtime.ContainerStatus;
import dev.aino.runtime.ExecCapable;
import dev.aino.runtime.ExecResult;
import dev.aino.runtime.LogChunk;
import dev.aino.runtime.LogLine;
import dev.aino.runtime.LogQuery;
import dev.aino.runtime.LogSubscription;
import dev.aino.runtime.ResourceUsage;
import dev.aino.runtime.host.ContainerLogFiles;
import dev.aino.runtime.host.ExitRecord;
import dev.aino.runtime.host.GracefulStop;
import dev.aino.runtime.host.HostCommand;
import dev.aino.runtime.host.JsonFiles;
import dev.aino.runtime.host.LogCollector;
import dev.aino.runtime.host.ProcStat;
import java.io.File;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
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
 */
public final class ProcessRuntime implements ContainerRuntime, ExecCapable {
  /** The name in handles and in the node's fingerprint. */
  public static final String NAME = "process";

  private static final Logger LOG = LoggerFactory.getLogger(ProcessRuntime.class);
  private static final String DEFAULT_PATH = "/usr/local/bin:/usr/bin:/bin";
  private static final int MAX_EXEC_OUTPUT = 64 * 1024;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final ProcessRuntimeConfig config;
  private final Path root;
  private final Clock clock = Clock.systemUTC();
  private final LogCollector collector;
  private final ConcurrentHashMap<String, HostProcess> processes = new ConcurrentHashMap<>();
  private volatile boolean closed;

  private ProcessRuntime(ProcessRuntimeConfig config) {
    this.config = config;
    this.root = config.dataDir().resolve("process");
    try {
      Files.createDirectories(root);
    } catch (IOException e) {
      throw new RuntimeFailureException(
          "opening the process runtime: cannot create " + root + ": " + e, e);
    }
    this.collector = new LogCollector(NAME, config.logLimits().pollInterval());
  }

  /**
   * Opens the driver over {@code config.dataDir()}; processes already there are recovered lazily.
   */
  public static ProcessRuntime open(ProcessRuntimeConfig config) {
    Objects.requireNonNull(config, "config");
    LOG.warn(
        "the process runtime runs workloads as plain host processes: images are ignored and"
            + " nothing is isolated or limited");
    return new ProcessRuntime(config);
  }

  @Override
  public RuntimeInfo fingerprint() {
    return new RuntimeInfo(NAME, System.getProperty("os.version", ""), false);
  }

  @Override
  public ContainerHandle start(ContainerSpec spec) {
    Objects.requireNonNull(spec, "spec");
    String instance = spec.instanceId();
    if (closed) {
      throw new RuntimeFailureException(
          "starting instance " + instance + ": the runtime is closed");
    }
    List<String> argv = spec.argv();
    if (argv.isEmpty()) {
      throw new RuntimeFailureException(
          "starting instance "
              + instance
              + ": the process runtime ignores images, so it cannot use the entrypoint of "
              + spec.image()
              + "; give the workload a command");
    }
    String containerId = instance + "-" + HexFormat.of().toHexDigits(RANDOM.nextInt());
    ContainerHandle handle = new ContainerHandle(NAME, containerId, instance);
    Path dir = reserve(instance);
    try {
      Path work = Files.createDirectories(dir.resolve("work"));
      ContainerLogFiles logs = openLogs(dir, handle);
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
              containerId, instance, process.pid(), startTicks, clock.instant(), argv, env);
      JsonFiles.write(dir.resolve("process.json"), record);
      HostProcess host =
          HostProcess.started(handle, record, logs, dir.resolve("exit.json"), clock, process);
      processes.put(containerId, host);
      process.onExit().thenRun(host::finish);
      collector.watch(
          logs,
          () -> {
            host.lookAtDescendants();
            return host.isRunning();
          });
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
  public ContainerStatus inspect(ContainerHandle handle) {
    HostProcess host = find(handle);
    if (host == null) {
      return ContainerStatus.notFound("the process runtime has no " + handle.containerId());
    }
    return host.status();
  }

  @Override
  public void stop(ContainerHandle handle, Duration grace) {
    Objects.requireNonNull(grace, "grace");
    HostProcess host = find(handle);
    if (host == null) {
      return;
    }
    GracefulStop.stop(
        new GracefulStop.Target() {
          @Override
          public boolean hasEnded() {
            return host.status().hasEnded();
          }

          @Override
          public void signal(int signal) {
            if (signal == ContainerStatus.SIGKILL) {
              host.kill();
            } else {
              host.terminate();
            }
          }

          @Override
          public boolean awaitEnd(Duration timeout) throws InterruptedException {
            return host.awaitEnd(timeout);
          }
        },
        grace,
        handle.toString());
  }

  @Override
  public void destroy(ContainerHandle handle) {
    HostProcess host = find(handle);
    if (host == null || !host.markDestroyed()) {
      return;
    }
    try {
      remove(host);
    } catch (RuntimeException e) {
      host.destroyFailed();
      throw e;
    }
  }

  /** Kills the process tree and removes the instance's directory. */
  private void remove(HostProcess host) {
    host.kill();
    try {
      host.awaitEnd(GracefulStop.KILL_WAIT);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RuntimeFailureException("destroying " + host.handle + ": interrupted", e);
    }
    collector.forget(host.logs);
    try {
      FileTrees.delete(root.resolve(host.handle.instanceId()));
    } catch (IOException e) {
      throw new RuntimeFailureException(
          "destroying " + host.handle + ": cannot remove its directory: " + e, e);
    }
    processes.remove(host.handle.containerId(), host);
  }

  @Override
  public ResourceUsage stats(ContainerHandle handle) {
    return require(handle, "reading stats of").usage();
  }

  @Override
  public LogChunk logs(ContainerHandle handle, LogQuery query) {
    Objects.requireNonNull(query, "query");
    return require(handle, "reading logs of").logs.query(query);
  }

  @Override
  public LogSubscription followLogs(
      ContainerHandle handle, Instant since, Consumer<LogLine> consumer) {
    Objects.requireNonNull(consumer, "consumer");
    return collector.follow(require(handle, "following logs of").logs, since, consumer);
  }

  @Override
  public Optional<ContainerHandle> recover(String instanceId, String containerId) {
    if (!isInstanceId(instanceId)
        || containerId == null
        || !containerId.startsWith(instanceId + "-")) {
      return Optional.empty(); // not an id this driver gives out
    }
    HostProcess host = processes.get(containerId);
    if (host == null) {
      host = adopt(instanceId, containerId);
    }
    if (host == null || !host.handle.instanceId().equals(instanceId)) {
      return Optional.empty();
    }
    return Optional.of(host.handle);
  }

  @Override
  public List<ContainerHandle> list() {
    List<ContainerHandle> handles = new ArrayList<>();
    try (Stream<Path> dirs = Files.list(root)) {
      for (Path dir : (Iterable<Path>) dirs::iterator) {
        JsonFiles.read(dir.resolve("process.json"), ProcessRecord.class)
            .filter(r -> r.instanceId().equals(dir.getFileName().toString()))
            .ifPresent(
                r -> handles.add(new ContainerHandle(NAME, r.containerId(), r.instanceId())));
      }
    } catch (IOException e) {
      throw new RuntimeFailureException("listing processes: cannot read " + root + ": " + e, e);
    }
    return handles;
  }

  /** Runs {@code argv} on the host in the process's working directory and environment. */
  @Override
  public ExecResult exec(ContainerHandle handle, List<String> argv, Duration timeout) {
    Objects.requireNonNull(argv, "argv");
    Objects.requireNonNull(timeout, "timeout");
    HostProcess host = require(handle, "running a command beside");
    ContainerStatus status = host.status();
    String doing = "running " + argv + " beside " + handle;
    if (status.state() != ContainerState.RUNNING) {
      throw new RuntimeFailureException(
          doing + ": it is not running (" + status.state().name().toLowerCase(Locale.ROOT) + ")");
    }
    if (argv.isEmpty()) {
      throw new RuntimeFailureException(doing + ": no command given");
    }
    Path dir = root.resolve(handle.instanceId());
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
      throw new RuntimeFailureException(doing + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      if (process != null) {
        new ProcessTree(process.toHandle()).kill();
      }
      throw new RuntimeFailureException(doing + ": interrupted", e);
    } finally {
      deleteQuietly(out);
      deleteQuietly(err);
    }
  }

  /** Stops collecting logs and recording exits; the processes keep running for the next agent. */
  @Override
  public void close() {
    closed = true;
    collector.close();
    processes.values().forEach(HostProcess::stopRecording);
  }

  private Path reserve(String instance) {
    Path dir = root.resolve(instance);
    try {
      Files.createDirectory(
          dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      return dir;
    } catch (FileAlreadyExistsException e) {
      String existing =
          JsonFiles.read(dir.resolve("process.json"), ProcessRecord.class)
              .map(ProcessRecord::containerId)
              .orElse("(being created)");
      throw new RuntimeFailureException(
          "starting instance "
              + instance
              + ": it already has process container "
              + existing
              + "; destroy that one before starting another");
    } catch (IOException e) {
      throw new RuntimeFailureException(
          "starting instance " + instance + ": cannot create " + dir + ": " + e, e);
    }
  }

  private static Map<String, String> environment(Map<String, String> env, Path work) {
    Map<String, String> merged = new LinkedHashMap<>();
    merged.put("PATH", Objects.requireNonNullElse(System.getenv("PATH"), DEFAULT_PATH));
    merged.put("HOME", work.toString());
    merged.putAll(env);
    return merged;
  }

  private HostProcess find(ContainerHandle handle) {
    Objects.requireNonNull(handle, "handle");
    HostProcess host = processes.get(handle.containerId());
    if (host == null) {
      host = adopt(handle.instanceId(), handle.containerId());
    }
    return host != null && host.handle.equals(handle) ? host : null;
  }

  private HostProcess require(ContainerHandle handle, String doing) {
    HostProcess host = find(handle);
    if (host == null) {
      throw new RuntimeFailureException(
          doing + " " + handle + ": no such process (never started, or destroyed)");
    }
    return host;
  }

  /** Takes over a process found on disk after an agent restart; never starts anything. */
  private HostProcess adopt(String instanceId, String containerId) {
    Path dir = root.resolve(instanceId);
    Optional<ProcessRecord> record =
        JsonFiles.read(dir.resolve("process.json"), ProcessRecord.class)
            .filter(r -> r.containerId().equals(containerId) && r.instanceId().equals(instanceId));
    if (record.isEmpty()) {
      return null;
    }
    ContainerHandle handle = new ContainerHandle(NAME, containerId, instanceId);
    ContainerLogFiles logs = openLogs(dir, handle);
    Path exitFile = dir.resolve("exit.json");
    HostProcess host;
    if (ProcStat.isAlive(record.get().pid(), record.get().startTicks())) {
      host = HostProcess.adoptedRunning(handle, record.get(), logs, exitFile, clock);
    } else {
      ExitRecord exit = JsonFiles.read(exitFile, ExitRecord.class).orElse(null);
      host = HostProcess.adoptedEnded(handle, record.get(), logs, exitFile, clock, exit);
    }
    HostProcess raced = processes.putIfAbsent(containerId, host);
    if (raced != null) {
      return raced;
    }
    if (host.isRunning()) {
      HostProcess adopted = host;
      collector.watch(
          logs,
          () -> {
            adopted.lookAtDescendants();
            return adopted.isRunning();
          });
      LOG.info("adopted running host process {} of {}", record.get().pid(), handle);
    }
    return host;
  }

  /** A valid instance id, and so safe as a directory name. */
  private static boolean isInstanceId(String text) {
    try {
      Validate.dnsLabel("instanceId", text);
      return true;
    } catch (AinoException e) {
      return false;
    }
  }

  private ContainerLogFiles openLogs(Path dir, ContainerHandle handle) {
    return ContainerLogFiles.open(
        dir.resolve("logs"), config.logLimits(), clock, handle.toString());
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

package dev.aino.runtime.oci;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aino.error.AinoException;
import dev.aino.error.RuntimeFailureException;
import dev.aino.image.ImageService;
import dev.aino.image.PreparedImage;
import dev.aino.json.Json;
import dev.aino.model.NetworkMode;
import dev.aino.model.RuntimeInfo;
import dev.aino.runtime.ContainerHandle;
import dev.aino.runtime.ContainerSpec;
import dev.aino.runtime.ContainerStatus;
import dev.aino.runtime.ExecResult;
import dev.aino.runtime.ResourceUsage;
import dev.aino.runtime.host.ContainerIds;
import dev.aino.runtime.host.ContainerLogFiles;
import dev.aino.runtime.host.ExitRecord;
import dev.aino.runtime.host.HostCommand;
import dev.aino.runtime.host.HostRuntime;
import dev.aino.runtime.host.JsonFiles;
import dev.aino.runtime.host.ProcStat;
import dev.aino.runtime.oci.network.BridgeNetwork;
import dev.aino.runtime.oci.network.BridgeNetworkConfig;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs containers with an OCI runtime (youki, runc or crun) on this node: their lifecycle, from
 * bundle to {@code runc run} to removal, with what {@link OciSetup} found and prepared when the
 * driver opened. See the package documentation for the design: one bundle per instance, overlayfs
 * root, {@code run --keep} as the source of exit codes, logs in files collected by one thread.
 */
public final class OciRuntime extends HostRuntime<OciContainer, BundleRecord> {
  private static final Logger LOG = LoggerFactory.getLogger(OciRuntime.class);
  private static final int MAX_EXEC_OUTPUT = 64 * 1024;
  private static final int MAX_START_POLL_MILLIS = 8;
  private static final int POLLS_PER_STEP = 10;

  private final OciSetup setup;
  private final ImageService images;
  private final OciBinary binary;
  private final OciCli cli;

  /** The node's bridge network; null when this node offers host networking only. */
  private final BridgeNetwork network;

  private OciRuntime(OciSetup setup, ImageService images) {
    super(setup.binary.name(), setup.config.logLimits(), setup.bundles);
    this.setup = setup;
    this.images = images;
    this.binary = setup.binary;
    this.cli = setup.cli;
    this.network = setup.network;
  }

  /**
   * Loads libc's bindings (JNA's classes and native part) that {@link #open} mounts with: a server
   * calls it on a spare thread at start-up, where opening the driver would otherwise pay for it
   * (about 130 ms) on the start-up path.
   */
  public static void preloadMounter() {
    SyscallMounter.load();
  }

  /**
   * Opens the driver: finds the OCI runtime binary, and decides how root filesystems are made
   * (probing overlayfs when {@link RootfsMode#AUTO}). Containers already under the data directory
   * are not touched; {@link #recover} and {@link #list} find them.
   *
   * @throws RuntimeFailureException when no OCI runtime binary is found
   */
  public static OciRuntime open(OciRuntimeConfig config, ImageService images) {
    return open(config, images, null);
  }

  /**
   * Opens the driver with bridge networking on {@code networkConfig} (null for host networking
   * only). When this host lacks the CNI plugins or iproute2, the driver says so in the log and
   * offers host networking only; its fingerprint tells the scheduler. See {@link OciSetup}.
   */
  public static OciRuntime open(
      OciRuntimeConfig config, ImageService images, BridgeNetworkConfig networkConfig) {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(images, "images");
    return new OciRuntime(OciSetup.open(config, networkConfig), images);
  }

  /** The OCI runtime binary this driver drives. */
  public OciBinary binary() {
    return binary;
  }

  /** {@code overlay} or {@code copy}: how this driver makes root filesystems. */
  public String rootfsMode() {
    return setup.rootfs.mode();
  }

  /** The cgroup directories (in every hierarchy) a container of this driver may have. */
  public List<Path> cgroupDirectories(ContainerHandle handle) {
    return setup.cgroups.directories(cgroupsPath(handle.containerId()));
  }

  @Override
  public RuntimeInfo fingerprint() {
    return new RuntimeInfo(binary.name(), binary.version(), true, network != null);
  }

  @Override
  public ContainerHandle start(ContainerSpec request) {
    Objects.requireNonNull(request, "spec");
    ContainerSpec spec = request;
    String instance = spec.instanceId();
    requireOpen(instance);
    PreparedImage image = preparedImage(spec);
    String owner = "instance " + instance;
    ImageUser user = ImageUser.resolve(image.config().user(), image.layers(), owner);
    ContainerHandle handle = newHandle(instance);
    String containerId = handle.containerId();
    Bundle bundle = new Bundle(reserve(instance));
    RootfsBuilder rootfs = setup.rootfs;
    OciContainer container = null;
    try {
      String cgroupsPath = cgroupsPath(containerId);
      Path netns = null;
      if (spec.network() == NetworkMode.BRIDGE) {
        if (network == null) {
          throw new RuntimeFailureException(
              "starting "
                  + owner
                  + ": this node has no bridge networking (the CNI plugins or iproute2 are"
                  + " missing); use network HOST or install containernetworking-plugins");
        }
        BridgeNetwork.Attachment attached =
            network.attach(bundle.network(), containerId, spec.ports());
        netns = attached.netns();
        spec = spec.withEnv(ContainerSpec.ENV_IP, attached.ip());
      }
      ObjectNode oci =
          setup.generator.generate(
              spec,
              image.config(),
              user,
              cgroupsPath,
              spec.init() ? setup.init.path() : null,
              netns);
      new BundleRecord(containerId, instance, cgroupsPath, rootfs.mode(), clock().instant())
          .annotate(oci);
      Files.write(
          bundle.config(), Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(oci));
      rootfs.build(bundle, image.layers(), owner);
      ContainerLogFiles logs = openLogs(bundle.logs(), handle);
      Process runc =
          new ProcessBuilder(cli.runArgv(bundle, containerId))
              .directory(bundle.dir().toFile())
              .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
              .redirectOutput(logs.stdoutTarget())
              .redirectError(logs.stderrTarget())
              .start();
      container =
          OciContainer.started(
              handle, bundle, rootfs, setup.cgroups.container(cgroupsPath), logs, clock(), runc);
      track(container, runc);
      awaitStart(container, runc);
      LOG.debug("started {} with {}", handle, binary.name());
      return handle;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      removeQuietly(container, bundle, rootfs, containerId);
      throw new RuntimeFailureException("starting " + owner + ": interrupted", e);
    } catch (IOException | RuntimeException e) {
      String why = e instanceof AinoException ? e.getMessage() : e.toString();
      removeQuietly(container, bundle, rootfs, containerId);
      if (why.contains(instance)) {
        throw new RuntimeFailureException(why, e);
      }
      throw new RuntimeFailureException("starting " + owner + ": " + why, e);
    }
  }

  /** The address its bridge network gave the container; empty in host mode. */
  @Override
  public Optional<String> address(ContainerHandle handle) {
    if (network == null) {
      return Optional.empty();
    }
    OciContainer container = find(handle);
    return container == null ? Optional.empty() : network.ipOf(container.bundle.network());
  }

  /** The node's bridge network, or empty when it offers host networking only. */
  public Optional<BridgeNetwork> network() {
    return Optional.ofNullable(network);
  }

  @Override
  public ResourceUsage stats(ContainerHandle handle) {
    OciContainer container = require(handle, "reading stats of");
    Instant now = clock().instant();
    return container
        .cgroup
        .usage(now)
        .orElseGet(() -> new ResourceUsage(now, Duration.ZERO, 0, 0, 0));
  }

  /** What the OCI runtime holds besides the bundles: e.g. a container whose bundle is gone. */
  @Override
  protected List<String> unrecordedContainerIds() {
    return cli.list().stream().map(OciState::id).toList();
  }

  @Override
  public ExecResult exec(ContainerHandle handle, List<String> argv, Duration timeout) {
    Objects.requireNonNull(argv, "argv");
    Objects.requireNonNull(timeout, "timeout");
    OciContainer container = requireRunning(handle, "running a command in");
    return new OciExec(cli, container.bundle.exec(), MAX_EXEC_OUTPUT).run(handle, argv, timeout);
  }

  /** Pulls and unpacks the image, unless it is there already. */
  @Override
  public void prepare(ContainerSpec spec) {
    Objects.requireNonNull(spec, "spec");
    preparedImage(spec);
  }

  private PreparedImage preparedImage(ContainerSpec spec) {
    try {
      return images.prepare(spec.image());
    } catch (AinoException e) {
      throw new RuntimeFailureException(
          "starting instance " + spec.instanceId() + ": " + e.getMessage(), e);
    }
  }

  /** Waits until the container's init runs, or fails with the runtime's own explanation. */
  private void awaitStart(OciContainer container, Process runc) throws InterruptedException {
    long deadline = System.nanoTime() + setup.config.startTimeout().toNanos();
    long pollMillis = 1;
    int polls = 0;
    while (!container.hasStarted()) {
      if (container.failedToStart()) {
        throw new RuntimeFailureException(
            "starting instance "
                + container.handle().instanceId()
                + ": "
                + binary.name()
                + " run exited with "
                + runc.exitValue()
                + ": "
                + runtimeError(container.bundle));
      }
      if (System.nanoTime() > deadline) {
        runc.destroyForcibly();
        throw new RuntimeFailureException(
            "starting instance "
                + container.handle().instanceId()
                + ": the container did not start within "
                + setup.config.startTimeout().toSeconds()
                + " s");
      }
      // The pid file is the only sign that the init runs; runc writes it once the container has
      // started, a few tens of ms after launch, longer when many start at once. The poll starts
      // at 1 ms and backs off to 8 ms: a start waits at most a few percent longer than it took,
      // and 16 starts at once do not wake up 16,000 times a second on a busy host.
      runc.waitFor(pollMillis, TimeUnit.MILLISECONDS);
      if (++polls % POLLS_PER_STEP == 0 && pollMillis < MAX_START_POLL_MILLIS) {
        pollMillis *= 2;
      }
    }
  }

  private String runtimeError(Bundle bundle) {
    try {
      return OciMessages.lastError(HostCommand.read(bundle.runtimeLog()));
    } catch (IOException e) {
      return "(no message: " + e + ")";
    }
  }

  @Override
  protected Optional<BundleRecord> readRecord(Path dir) {
    return BundleRecord.read(new Bundle(dir));
  }

  /**
   * Takes over a container found on disk (after an agent restart), without starting anything:
   * running if its init still runs, else ended with whatever exit record it left.
   */
  @Override
  protected OciContainer takeOver(Path dir, BundleRecord record, ContainerHandle handle) {
    Bundle bundle = new Bundle(dir);
    String containerId = handle.containerId();
    RootfsBuilder rootfs = setup.rootfs(record.rootfs());
    ContainerCgroup cgroup = setup.cgroups.container(record.cgroupsPath());
    ContainerLogFiles logs = openLogs(bundle.existingLogs(), handle);
    Optional<OciState> state = cli.state(containerId);
    OciContainer container;
    if (state.isPresent() && state.get().isAlive()) {
      // The runtime vouches for the pid (it checks the process's start time itself) and says when
      // it created the container, a few milliseconds before the init ran: no record of aino's
      // own is needed.
      long pid = state.get().pid();
      Instant created = state.get().created();
      InitRecord current =
          new InitRecord(
              pid,
              ProcStat.read(pid).map(ProcStat::startTicks).orElse(0L),
              created != null ? created : clock().instant());
      container =
          OciContainer.adoptedRunning(handle, bundle, rootfs, cgroup, logs, clock(), current);
      if (network != null && Files.exists(bundle.network())) {
        network
            .check(bundle.network())
            .ifPresent(
                why ->
                    LOG.warn(
                        "adopted running {}, but CNI CHECK says its network is broken: {}",
                        handle,
                        why));
      }
    } else {
      String why =
          state.isPresent()
              ? "it ended while no agent was running"
              : binary.name() + " has no record of it (it never started, or its state was lost)";
      container =
          OciContainer.adoptedEnded(
              handle,
              bundle,
              rootfs,
              cgroup,
              logs,
              clock(),
              JsonFiles.read(bundle.exit(), ExitRecord.class).orElse(null),
              why);
    }
    return container;
  }

  @Override
  protected void signal(OciContainer container, int signal) {
    cli.kill(container.handle().containerId(), signal);
  }

  /** Kills the container's processes and deletes it from the OCI runtime. */
  @Override
  protected void kill(OciContainer container) {
    String id = container.handle().containerId();
    if (container.isRunning()) {
      cli.kill(id, ContainerStatus.SIGKILL);
    }
    cli.delete(id);
  }

  /** Releases its network (CNI DEL), unmounts the root filesystem and removes the bundle. */
  @Override
  protected void removeFiles(OciContainer container) {
    if (network != null) {
      network.detach(container.bundle.network());
    }
    container.rootfs.release(container.bundle, container.handle().toString());
    try {
      container.bundle.delete();
    } catch (IOException e) {
      throw new RuntimeFailureException(
          "destroying " + container.handle() + ": cannot remove its bundle: " + e, e);
    }
  }

  /** Known to the runtime only, a leftover of a crash: deleted. */
  @Override
  protected void destroyUnknown(ContainerHandle handle) {
    if (ContainerIds.instanceOf(handle.containerId()).isPresent()
        && cli.knows(handle.containerId())) {
      cli.delete(handle.containerId());
    }
  }

  /** Undoes a start that failed half-way; what cannot be undone is logged, not thrown. */
  private void removeQuietly(
      OciContainer container, Bundle bundle, RootfsBuilder rootfs, String containerId) {
    try {
      if (container != null) {
        container.markDestroyed();
        remove(container);
        return;
      }
      cli.delete(containerId);
      if (network != null) {
        network.detach(bundle.network());
      }
      rootfs.release(bundle, containerId);
      bundle.delete();
    } catch (IOException | RuntimeException e) {
      LOG.warn("could not clean up after the failed start of {}: {}", containerId, e.toString());
    }
  }

  private String cgroupsPath(String containerId) {
    String parent = setup.config.cgroupParent();
    return (parent.endsWith("/") ? parent : parent + "/") + containerId;
  }
}

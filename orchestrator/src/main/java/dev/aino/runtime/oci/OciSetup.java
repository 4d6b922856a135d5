package dev.aino.runtime.oci;

import dev.aino.error.RuntimeFailureException;
import dev.aino.runtime.host.HostCommand;
import dev.aino.runtime.oci.network.BridgeNetwork;
import dev.aino.runtime.oci.network.BridgeNetworkConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the OCI driver finds and prepares on this host when it opens, apart from running containers:
 * the OCI runtime binary and its command line, how root filesystems are made (overlayfs probed),
 * the data directories with the debris of interrupted starts removed, the cgroup layout, the init
 * binary and the bridge network, if any. {@link OciRuntime} runs the containers with what it holds.
 */
final class OciSetup {
  private static final Logger LOG = LoggerFactory.getLogger(OciSetup.class);
  private static final List<String> SHARED_HOST_FILES = List.of("/etc/resolv.conf", "/etc/hosts");

  final OciRuntimeConfig config;
  final OciBinary binary;
  final OciCli cli;

  /** How this driver makes root filesystems now. */
  final RootfsBuilder rootfs;

  final OciSpecGenerator generator;
  final CgroupLayout cgroups;

  /** One bundle directory per instance, named by its id. */
  final Path bundles;

  final InitBinary init;

  /** The node's bridge network; null when this node offers host networking only. */
  final BridgeNetwork network;

  private final Mounter mounter;

  private OciSetup(
      OciRuntimeConfig config,
      OciBinary binary,
      OciCli cli,
      RootfsBuilder rootfs,
      Mounter mounter,
      Path bundles,
      BridgeNetwork network) {
    this.config = config;
    this.binary = binary;
    this.cli = cli;
    this.rootfs = rootfs;
    this.mounter = mounter;
    this.bundles = bundles;
    this.network = network;
    this.generator =
        new OciSpecGenerator(
            config.pidsLimit(),
            SHARED_HOST_FILES.stream().filter(f -> Files.isRegularFile(Path.of(f))).toList());
    this.cgroups = CgroupLayout.detect();
    this.init = new InitBinary(config.dataDir().resolve("bin"));
  }

  /**
   * Finds the OCI runtime binary, decides how root filesystems are made (probing overlayfs when
   * {@link RootfsMode#AUTO}), opens the bridge network on {@code networkConfig} (null: host
   * networking only) and removes what interrupted starts left. Containers are not touched.
   *
   * @throws RuntimeFailureException when no OCI runtime binary is found or the data directory
   *     cannot be written
   */
  static OciSetup open(OciRuntimeConfig config, BridgeNetworkConfig networkConfig) {
    Objects.requireNonNull(config, "config");
    Path scratch = config.dataDir().resolve("tmp");
    HostCommand commands = new HostCommand(scratch);
    OciBinary binary = OciBinary.detect(config.binary(), scratch);
    Mounter mounter = Mounter.forHost(new CommandMounter(commands, config.commandTimeout()));
    RootfsBuilder rootfs = chooseRootfs(config, scratch, mounter);
    Path root = config.dataDir().resolve("runtime").resolve(binary.name());
    Path bundles = config.dataDir().resolve("bundles");
    BridgeNetwork network =
        networkConfig == null
            ? null
            : BridgeNetwork.open(networkConfig, commands, config.commandTimeout()).orElse(null);
    try {
      Files.createDirectories(root);
      Files.createDirectories(bundles);
      removeDebris(bundles, network);
    } catch (IOException e) {
      throw new RuntimeFailureException(
          "opening the OCI runtime: cannot create " + root + " or " + bundles + ": " + e, e);
    }
    Path setsid =
        Stream.of("/usr/bin/setsid", "/bin/setsid")
            .map(Path::of)
            .filter(Files::isExecutable)
            .findFirst()
            .orElse(null);
    OciCli cli = new OciCli(binary, root, commands, config.commandTimeout(), setsid);
    LOG.info(
        "OCI runtime {} {} at {}; root filesystems by {} ({}); cgroups under {}",
        binary.name(),
        binary.version(),
        binary.path(),
        rootfs.mode(),
        mounter.name(),
        config.cgroupParent());
    return new OciSetup(config, binary, cli, rootfs, mounter, bundles, network);
  }

  /**
   * What releases a root filesystem made in {@code mode} (as its bundle records it): the builder in
   * use, or, for a bundle an agent with another mode made, one of that mode; an overlay one for a
   * mode not recorded, as it unmounts only what is mounted.
   */
  RootfsBuilder rootfs(String mode) {
    if (rootfs.mode().equals(mode)) {
      return rootfs;
    }
    return "copy".equals(mode) ? new CopiedRootfs() : new OverlayRootfs(mounter);
  }

  /**
   * Removes the bundles that have no readable record: each was left by a start that stopped (the
   * agent died) before its {@code config.json} was complete, so nothing ran from it, and it would
   * keep its instance from ever starting here again. One whose root filesystem is mounted is kept.
   * What its start attached to the bridge is released first.
   */
  private static void removeDebris(Path bundles, BridgeNetwork network) throws IOException {
    try (Stream<Path> dirs = Files.list(bundles)) {
      for (Path dir : (Iterable<Path>) dirs::iterator) {
        Bundle bundle = new Bundle(dir);
        if (BundleRecord.read(bundle).isPresent() || MountTable.isMountPoint(bundle.rootfs())) {
          continue;
        }
        if (network != null) {
          network.detach(bundle.network());
        }
        bundle.delete();
        LOG.warn(
            "removed {}: a container start stopped before it was complete and left it behind", dir);
      }
    }
  }

  private static RootfsBuilder chooseRootfs(
      OciRuntimeConfig config, Path scratch, Mounter mounter) {
    OverlayRootfs overlay = new OverlayRootfs(mounter);
    if (config.rootfsMode() == RootfsMode.OVERLAY) {
      return overlay;
    }
    if (config.rootfsMode() == RootfsMode.COPY) {
      return new CopiedRootfs();
    }
    Optional<String> failure = OverlayRootfs.probe(scratch, mounter);
    if (failure.isEmpty()) {
      return overlay;
    }
    LOG.warn(
        "OVERLAYFS UNAVAILABLE: {}. Every container now gets a full COPY of its image's layers"
            + " in its bundle: slow to start and costly in disk. Fix overlayfs (modprobe"
            + " overlay; a data directory on ext4 or xfs) to avoid this.",
        failure.get());
    return new CopiedRootfs();
  }
}

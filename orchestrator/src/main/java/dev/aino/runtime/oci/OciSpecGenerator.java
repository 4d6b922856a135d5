package dev.aino.runtime.oci;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aino.error.RuntimeFailureException;
import dev.aino.image.ImageConfig;
import dev.aino.runtime.ContainerSpec;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a container's OCI runtime {@code config.json} from its spec and its image's configuration.
 * What every container gets, and why:
 *
 * <ul>
 *   <li>argv from {@link ImageConfig#argv} (the workload's command replaces the entrypoint, its
 *       args the cmd); the image's environment overlaid by the workload's, with a default {@code
 *       PATH}; the image's working directory; the image's user, resolved to numbers ({@link
 *       ImageUser});
 *   <li>hostname = the spec's hostname (the instance id); namespaces pid, ipc, uts and mount, and
 *       in bridge mode the network namespace the driver made and attached to the node's bridge
 *       ({@code runtime.oci.network}); in host mode none, so the container shares the host's
 *       network as Docker's {@code --network host} does; the host's {@code /etc/resolv.conf} and
 *       {@code /etc/hosts} are shared read-only either way;
 *   <li>cgroup limits: CPU quota over a 100 ms period from the millicores and shares in proportion
 *       (1000m = 1024), the memory limit from the MiB (no extra swap allowance), a pids limit;
 *       every device denied except the runtime's defaults;
 *   <li>{@code noNewPrivileges}, Docker's default capability set, and Docker's masked and read-only
 *       paths; {@code /proc}, {@code /dev} (tmpfs), {@code /dev/pts}, {@code /dev/shm}, {@code
 *       /dev/mqueue}, {@code /sys} and {@code /sys/fs/cgroup} read-only;
 *   <li>with {@link ContainerSpec#init}, aino-init ({@link InitBinary}) bind-mounted read-only and
 *       put before the argv, so that it is PID 1 and the program its child.
 * </ul>
 *
 * No seccomp profile is set: Docker's default profile is a large list of its own, not part of the
 * OCI defaults, and is left for later.
 */
final class OciSpecGenerator {
  static final String OCI_VERSION = "1.0.2";

  /** Docker's default capabilities: enough for ordinary services, none of the admin ones. */
  static final List<String> DEFAULT_CAPABILITIES =
      List.of(
          "CAP_CHOWN",
          "CAP_DAC_OVERRIDE",
          "CAP_FSETID",
          "CAP_FOWNER",
          "CAP_MKNOD",
          "CAP_NET_RAW",
          "CAP_SETGID",
          "CAP_SETUID",
          "CAP_SETFCAP",
          "CAP_SETPCAP",
          "CAP_NET_BIND_SERVICE",
          "CAP_SYS_CHROOT",
          "CAP_KILL",
          "CAP_AUDIT_WRITE");

  /** Docker's masked paths: kernel information a container has no business reading. */
  static final List<String> MASKED_PATHS =
      List.of(
          "/proc/asound",
          "/proc/acpi",
          "/proc/kcore",
          "/proc/keys",
          "/proc/latency_stats",
          "/proc/timer_list",
          "/proc/timer_stats",
          "/proc/sched_debug",
          "/proc/scsi",
          "/sys/firmware",
          "/sys/devices/virtual/powercap");

  /** Docker's read-only paths: kernel settings a container must not change. */
  static final List<String> READONLY_PATHS =
      List.of("/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger");

  static final List<String> NAMESPACES = List.of("pid", "ipc", "uts", "mount");

  static final String DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

  /** The CFS period the CPU quota is expressed in: 100 ms, the kernel's and Docker's default. */
  static final long CPU_PERIOD_MICROS = 100_000;

  private static final long MIB = 1024L * 1024;
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private final long pidsLimit;
  private final List<String> sharedHostFiles;

  /**
   * @param pidsLimit the most processes a container may have
   * @param sharedHostFiles host files bind-mounted read-only at the same path (resolv.conf, hosts)
   */
  OciSpecGenerator(long pidsLimit, List<String> sharedHostFiles) {
    this.pidsLimit = pidsLimit;
    this.sharedHostFiles = List.copyOf(sharedHostFiles);
  }

  /**
   * The config for {@code spec} run from an image configured by {@code image}, as {@code user}, in
   * the cgroup {@code cgroupsPath}.
   *
   * @throws RuntimeFailureException when there is nothing to run
   */
  ObjectNode generate(ContainerSpec spec, ImageConfig image, ImageUser user, String cgroupsPath) {
    return generate(spec, image, user, cgroupsPath, null, null);
  }

  /**
   * As {@link #generate(ContainerSpec, ImageConfig, ImageUser, String)}, with {@code initBinary}
   * the host path of aino-init for a spec that asks for it (ignored otherwise), joining the network
   * namespace {@code netns} unless it is null.
   *
   * @throws IllegalArgumentException when the spec asks for init and none is given
   */
  ObjectNode generate(
      ContainerSpec spec,
      ImageConfig image,
      ImageUser user,
      String cgroupsPath,
      Path initBinary,
      Path netns) {
    if (spec.init() && initBinary == null) {
      throw new IllegalArgumentException("the spec asks for init: give aino-init's path");
    }
    ObjectNode config = JSON.objectNode();
    config.put("ociVersion", OCI_VERSION);
    ObjectNode process = process(spec, image, user);
    if (spec.init()) {
      ArrayNode args = (ArrayNode) process.get("args");
      args.insert(0, InitBinary.CONTAINER_PATH);
    }
    config.set("process", process);
    ObjectNode root = config.putObject("root");
    root.put("path", "rootfs");
    root.put("readonly", false);
    config.put("hostname", spec.hostname());
    ArrayNode mounts = mounts();
    if (spec.init()) {
      // After /dev's tmpfs, on which its mount point is made.
      mounts.add(
          mount(
              InitBinary.CONTAINER_PATH,
              "bind",
              initBinary.toString(),
              "bind",
              "ro",
              "nosuid",
              "nodev"));
    }
    config.set("mounts", mounts);
    ObjectNode linux = linux(spec, cgroupsPath);
    if (netns != null) {
      ((ArrayNode) linux.get("namespaces"))
          .addObject()
          .put("type", "network")
          .put("path", netns.toString());
    }
    config.set("linux", linux);
    return config;
  }

  /** The image's environment overlaid by {@code env}, with {@code PATH} and {@code HOSTNAME}. */
  static List<String> environment(ImageConfig image, Map<String, String> env, String hostname) {
    Map<String, String> merged = new LinkedHashMap<>();
    for (String entry : image.env()) {
      int eq = entry.indexOf('=');
      if (eq > 0) {
        merged.put(entry.substring(0, eq), entry.substring(eq + 1));
      }
    }
    merged.putAll(env);
    merged.putIfAbsent("PATH", DEFAULT_PATH);
    merged.putIfAbsent("HOSTNAME", hostname);
    return merged.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList();
  }

  private ObjectNode process(ContainerSpec spec, ImageConfig image, ImageUser user) {
    List<String> argv = image.argv(spec.command(), spec.args());
    if (argv.isEmpty()) {
      throw new RuntimeFailureException(
          "starting instance "
              + spec.instanceId()
              + ": nothing to run: the workload gives no command and the image "
              + spec.image()
              + " has neither entrypoint nor cmd");
    }
    ObjectNode process = JSON.objectNode();
    process.put("terminal", false);
    ObjectNode userNode = process.putObject("user");
    userNode.put("uid", user.uid());
    userNode.put("gid", user.gid());
    process.set("args", strings(argv));
    process.set("env", strings(environment(image, spec.env(), spec.hostname())));
    String cwd = image.workingDir().isBlank() ? "/" : image.workingDir();
    process.put("cwd", cwd.startsWith("/") ? cwd : "/" + cwd);
    ObjectNode capabilities = process.putObject("capabilities");
    for (String set : List.of("bounding", "effective", "permitted")) {
      capabilities.set(set, strings(DEFAULT_CAPABILITIES));
    }
    process.put("noNewPrivileges", true);
    return process;
  }

  private ArrayNode mounts() {
    ArrayNode mounts = JSON.arrayNode();
    mounts.add(mount("/proc", "proc", "proc", "nosuid", "noexec", "nodev"));
    mounts.add(mount("/dev", "tmpfs", "tmpfs", "nosuid", "strictatime", "mode=755", "size=65536k"));
    mounts.add(
        mount(
            "/dev/pts",
            "devpts",
            "devpts",
            "nosuid",
            "noexec",
            "newinstance",
            "ptmxmode=0666",
            "mode=0620",
            "gid=5"));
    mounts.add(
        mount("/dev/shm", "tmpfs", "shm", "nosuid", "noexec", "nodev", "mode=1777", "size=65536k"));
    mounts.add(mount("/dev/mqueue", "mqueue", "mqueue", "nosuid", "noexec", "nodev"));
    mounts.add(mount("/sys", "sysfs", "sysfs", "nosuid", "noexec", "nodev", "ro"));
    mounts.add(
        mount("/sys/fs/cgroup", "cgroup", "cgroup", "nosuid", "noexec", "nodev", "relatime", "ro"));
    for (String file : sharedHostFiles) {
      mounts.add(mount(file, "bind", file, "rbind", "ro"));
    }
    return mounts;
  }

  private ObjectNode linux(ContainerSpec spec, String cgroupsPath) {
    ObjectNode linux = JSON.objectNode();
    ArrayNode namespaces = linux.putArray("namespaces");
    for (String type : NAMESPACES) {
      namespaces.addObject().put("type", type);
    }
    linux.put("cgroupsPath", cgroupsPath);
    ObjectNode resources = linux.putObject("resources");
    ObjectNode deny = resources.putArray("devices").addObject();
    deny.put("allow", false);
    deny.put("access", "rwm");
    resources.putObject("memory").put("limit", spec.resources().memoryMiB() * MIB);
    long millis = spec.resources().cpuMillis();
    ObjectNode cpu = resources.putObject("cpu");
    cpu.put("shares", Math.max(2, millis * 1024 / 1000));
    cpu.put("quota", millis * CPU_PERIOD_MICROS / 1000);
    cpu.put("period", CPU_PERIOD_MICROS);
    resources.putObject("pids").put("limit", pidsLimit);
    linux.set("maskedPaths", strings(MASKED_PATHS));
    linux.set("readonlyPaths", strings(READONLY_PATHS));
    return linux;
  }

  private static ObjectNode mount(String destination, String type, String source, String... opts) {
    ObjectNode mount = JSON.objectNode();
    mount.put("destination", destination);
    mount.put("type", type);
    mount.put("source", source);
    mount.set("options", strings(List.of(opts)));
    return mount;
  }

  private static ArrayNode strings(List<String> values) {
    ArrayNode array = JSON.arrayNode();
    values.forEach(array::add);
    return array;
  }
}

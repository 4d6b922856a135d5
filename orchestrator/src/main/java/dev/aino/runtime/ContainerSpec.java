package dev.aino.runtime;

import dev.aino.error.ValidationException;
import dev.aino.model.ImageReference;
import dev.aino.model.Instance;
import dev.aino.model.NetworkMode;
import dev.aino.model.PortBinding;
import dev.aino.model.PortSpec;
import dev.aino.model.Resources;
import dev.aino.model.Validate;
import dev.aino.model.WorkloadSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything a runtime needs to start one container, and nothing about scheduling or restarts.
 * Built by the agent from an instance and its workload's spec ({@link #of}).
 *
 * @param instanceId the instance the container runs
 * @param workload the owning workload's name
 * @param image where the root filesystem comes from
 * @param command entrypoint override; empty keeps the image's
 * @param args arguments; empty keeps the image's
 * @param env environment variables
 * @param resources CPU and memory limits
 * @param hostname the container's hostname, the instance id by default
 * @param restartCount how often the instance was restarted before this container
 * @param init whether the process runs under aino's init as PID 1 ({@link WorkloadSpec#init})
 * @param network HOST (the node's network) or BRIDGE (a namespace and address of its own)
 * @param ports the ports to publish on the node; used in bridge mode
 */
public record ContainerSpec(
    String instanceId,
    String workload,
    ImageReference image,
    List<String> command,
    List<String> args,
    Map<String, String> env,
    Resources resources,
    String hostname,
    int restartCount,
    boolean init,
    NetworkMode network,
    List<PortBinding> ports) {

  public ContainerSpec {
    Validate.dnsLabel("instanceId", instanceId);
    Validate.dnsLabel("workload", workload);
    Validate.required("image", image);
    command = Validate.texts("command", command);
    args = Validate.texts("args", args);
    env = Validate.env("env", env);
    Validate.required("resources", resources);
    if (resources.cpuMillis() <= 0 || resources.memoryMiB() <= 0) {
      throw new ValidationException("resources", "must be positive, got " + resources);
    }
    hostname = Validate.dnsLabel("hostname", hostname == null ? instanceId : hostname);
    Validate.range("restartCount", restartCount, 0, Integer.MAX_VALUE);
    network = network == null ? NetworkMode.HOST : network;
    ports = ports == null ? List.of() : List.copyOf(ports);
  }

  /** A container on the node's network that publishes nothing. */
  public ContainerSpec(
      String instanceId,
      String workload,
      ImageReference image,
      List<String> command,
      List<String> args,
      Map<String, String> env,
      Resources resources,
      String hostname,
      int restartCount) {
    this(
        instanceId,
        workload,
        image,
        command,
        args,
        env,
        resources,
        hostname,
        restartCount,
        false,
        NetworkMode.HOST,
        List.of());
  }

  /** The variable that tells a container its instance's id. */
  public static final String ENV_INSTANCE = "AINO_INSTANCE";

  /** The variable that tells a container its workload's name. */
  public static final String ENV_WORKLOAD = "AINO_WORKLOAD";

  /** The variable that tells a bridged container its address (set by the runtime that knows it). */
  public static final String ENV_IP = "AINO_IP";

  /** The container for {@code instance}, shaped by its workload's {@code spec}. */
  public static ContainerSpec of(Instance instance, WorkloadSpec spec) {
    // aino's variables win over the workload's own of the same name: they must be true.
    Map<String, String> env = new LinkedHashMap<>(spec.env());
    env.put(ENV_INSTANCE, instance.id());
    env.put(ENV_WORKLOAD, instance.workload());
    NetworkMode network = instance.network() == null ? NetworkMode.HOST : instance.network();
    for (PortBinding p : instance.ports()) {
      // The port the program listens on: inside its namespace in bridge mode, the node's in host.
      env.put(
          PortSpec.envName(p.name()),
          String.valueOf(network == NetworkMode.BRIDGE ? p.containerPort() : p.hostPort()));
    }
    return new ContainerSpec(
        instance.id(),
        instance.workload(),
        spec.imageReference(),
        spec.command(),
        spec.args(),
        env,
        instance.resources(),
        instance.id(),
        instance.restartCount(),
        spec.runsInit(),
        network,
        instance.ports());
  }

  /**
   * The command line as given: command then args. Empty when both are empty (the image's own
   * entrypoint applies; a runtime that has no image config decides what that means).
   */
  public List<String> argv() {
    List<String> argv = new ArrayList<>(command.size() + args.size());
    argv.addAll(command);
    argv.addAll(args);
    return List.copyOf(argv);
  }

  /** The same container with one more environment variable (or {@code name} set anew). */
  public ContainerSpec withEnv(String name, String value) {
    Map<String, String> more = new LinkedHashMap<>(env);
    more.put(name, value);
    return new ContainerSpec(
        instanceId,
        workload,
        image,
        command,
        args,
        more,
        resources,
        hostname,
        restartCount,
        init,
        network,
        ports);
  }
}

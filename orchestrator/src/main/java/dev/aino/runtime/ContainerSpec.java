package dev.aino.runtime;

import dev.aino.error.ValidationException;
import dev.aino.model.ImageReference;
import dev.aino.model.Instance;
import dev.aino.model.Resources;
import dev.aino.model.Validate;
import dev.aino.model.WorkloadSpec;
import java.util.ArrayList;
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
    boolean init) {

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
  }

  /** The container for {@code instance}, shaped by its workload's {@code spec}. */
  public static ContainerSpec of(Instance instance, WorkloadSpec spec) {
    return new ContainerSpec(
        instance.id(),
        instance.workload(),
        spec.imageReference(),
        spec.command(),
        spec.args(),
        spec.env(),
        instance.resources(),
        instance.id(),
        instance.restartCount(),
        spec.runsInit());
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
}

package dev.aino.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.aino.error.ValidationErrors;
import dev.aino.error.ValidationException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * What a user or agent declares: the container to run and how many, where, and how to keep them.
 * Every field but the image and resources has a default, so a minimal spec is short.
 *
 * @param image image reference, see {@link ImageReference}
 * @param command entrypoint override (argv[0..]); empty keeps the image's
 * @param args arguments appended to the command; empty keeps the image's
 * @param env environment variables
 * @param resources what one instance requests; the scheduler never over-commits it
 * @param replicas how many instances to run, 0 to 10,000
 * @param restartPolicy when an ended process is restarted
 * @param placement node selector and ranking strategy
 * @param healthCheck optional health check
 * @param update roll-out limits for spec changes
 * @param autoscale optional autoscale policy
 * @param labels free-form labels
 * @param stopGracePeriodSeconds how long an instance's process may take to exit after SIGTERM
 *     before it is killed, 0 to {@value #MAX_STOP_GRACE_SECONDS}; null for the node agent's
 *     default, 10 s as Docker's. Read when the instance is stopped, so changing it replaces no
 *     instance
 * @param init true to run the process under aino's minimal init as PID 1, which forwards signals to
 *     it and reaps orphaned children (as {@code docker run --init}), so that a program with no
 *     SIGTERM handler of its own ({@code sleep}, busybox {@code httpd}) stops at once; null when
 *     not (false is stored as null). Part of the {@link #templateHash}: toggling it replaces the
 *     instances
 * @param network BRIDGE, HOST, or null (the default) for bridge on nodes whose runtime offers it
 *     and host elsewhere; the scheduler resolves it per instance (see {@link NetworkMode})
 * @param ports the ports the container listens on and how each is published on the node
 */
public record WorkloadSpec(
    String image,
    List<String> command,
    List<String> args,
    Map<String, String> env,
    Resources resources,
    int replicas,
    RestartPolicy restartPolicy,
    Placement placement,
    HealthCheck healthCheck,
    UpdateStrategy update,
    AutoscalePolicy autoscale,
    Map<String, String> labels,
    Integer stopGracePeriodSeconds,
    Boolean init,
    NetworkMode network,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<PortSpec> ports) {

  public static final int MAX_REPLICAS = 10_000;

  /** What an instance requests when the spec does not say: 100m CPU and 64 MiB. */
  public static final Resources DEFAULT_RESOURCES = Resources.of(100, 64);

  /** One hour: longer than any shutdown should take, short enough to notice a typo. */
  public static final int MAX_STOP_GRACE_SECONDS = 3600;

  public WorkloadSpec {
    ImageReference.parse("image", image);
    command = Validate.texts("command", command);
    args = Validate.texts("args", args);
    env = Validate.env("env", env);
    Validate.required("resources", resources).requireHostSized("resources");
    Validate.range("replicas", replicas, 0, MAX_REPLICAS);
    restartPolicy = restartPolicy == null ? RestartPolicy.ALWAYS : restartPolicy;
    placement = placement == null ? Placement.DEFAULT : placement;
    update = update == null ? UpdateStrategy.DEFAULT : update;
    labels = Validate.labels("labels", labels);
    if (stopGracePeriodSeconds != null) {
      Validate.range("stopGracePeriodSeconds", stopGracePeriodSeconds, 0, MAX_STOP_GRACE_SECONDS);
    }
    init = Boolean.TRUE.equals(init) ? Boolean.TRUE : null;
    ValidationErrors portErrors = new ValidationErrors();
    ports = List.copyOf(Ports.check("ports", ports, network, portErrors));
    portErrors.throwIfAny();
    if (autoscale != null
        && (replicas < autoscale.minReplicas() || replicas > autoscale.maxReplicas())) {
      throw new ValidationException(
          "replicas",
          "must lie within autoscale bounds ["
              + autoscale.minReplicas()
              + ", "
              + autoscale.maxReplicas()
              + "], got "
              + replicas);
    }
  }

  /** Whether the process runs under aino's init as PID 1 (see {@code init}). */
  public boolean runsInit() {
    return init != null;
  }

  /** The parsed image reference. */
  public ImageReference imageReference() {
    return ImageReference.parse("image", image);
  }

  /**
   * A short hash of the fields that shape a container (image, command, args, env, resources,
   * restart policy, health check, init, network and ports). Instances made from a different hash
   * are outdated and get replaced by a rolling update; a change of replicas, placement or labels
   * alone replaces none.
   */
  public String templateHash() {
    String canonical =
        String.join(
            "\u0000",
            image,
            command.toString(),
            args.toString(),
            env.toString(),
            resources.cpuMillis() + "/" + resources.memoryMiB(),
            restartPolicy.name(),
            String.valueOf(healthCheck));
    if (network != null || !ports.isEmpty()) {
      // Appended only when set, so the hash of a spec written before networking existed, and with
      // it every running instance, stays what it was.
      canonical += "\u0000" + network + "\u0000" + ports;
    }
    if (runsInit()) {
      // Appended only when set, so that the hash of every spec without it stays the same.
      canonical += "\u0000init";
    }
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 5);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java platform", e);
    }
  }

  public static Builder builder(String image) {
    return new Builder().image(image);
  }

  public Builder toBuilder() {
    return new Builder()
        .image(image)
        .command(command)
        .args(args)
        .env(env)
        .resources(resources)
        .replicas(replicas)
        .restartPolicy(restartPolicy)
        .placement(placement)
        .healthCheck(healthCheck)
        .update(update)
        .autoscale(autoscale)
        .labels(labels)
        .stopGracePeriodSeconds(stopGracePeriodSeconds)
        .init(init)
        .network(network)
        .ports(ports);
  }

  public WorkloadSpec withReplicas(int replicas) {
    return toBuilder().replicas(replicas).build();
  }

  /** Builds a spec; defaults: 1 replica, 100m CPU and 64 MiB, restart always, bin-pack. */
  public static final class Builder {
    private String image;
    private List<String> command = List.of();
    private List<String> args = List.of();
    private Map<String, String> env = Map.of();
    private Resources resources = DEFAULT_RESOURCES;
    private int replicas = 1;
    private RestartPolicy restartPolicy = RestartPolicy.ALWAYS;
    private Placement placement = Placement.DEFAULT;
    private HealthCheck healthCheck;
    private UpdateStrategy update = UpdateStrategy.DEFAULT;
    private AutoscalePolicy autoscale;
    private Map<String, String> labels = Map.of();
    private Integer stopGracePeriodSeconds;
    private Boolean init;
    private NetworkMode network;
    private List<PortSpec> ports = List.of();

    private Builder() {}

    public Builder image(String image) {
      this.image = image;
      return this;
    }

    public Builder command(List<String> command) {
      this.command = command;
      return this;
    }

    public Builder command(String... command) {
      return command(List.of(command));
    }

    public Builder args(List<String> args) {
      this.args = args;
      return this;
    }

    public Builder env(Map<String, String> env) {
      this.env = env;
      return this;
    }

    public Builder resources(Resources resources) {
      this.resources = resources;
      return this;
    }

    public Builder resources(long cpuMillis, long memoryMiB) {
      return resources(Resources.of(cpuMillis, memoryMiB));
    }

    public Builder replicas(int replicas) {
      this.replicas = replicas;
      return this;
    }

    public Builder restartPolicy(RestartPolicy restartPolicy) {
      this.restartPolicy = restartPolicy;
      return this;
    }

    public Builder placement(Placement placement) {
      this.placement = placement;
      return this;
    }

    public Builder healthCheck(HealthCheck healthCheck) {
      this.healthCheck = healthCheck;
      return this;
    }

    public Builder update(UpdateStrategy update) {
      this.update = update;
      return this;
    }

    public Builder autoscale(AutoscalePolicy autoscale) {
      this.autoscale = autoscale;
      return this;
    }

    public Builder labels(Map<String, String> labels) {
      this.labels = labels;
      return this;
    }

    public Builder stopGracePeriodSeconds(Integer seconds) {
      this.stopGracePeriodSeconds = seconds;
      return this;
    }

    public Builder init(Boolean init) {
      this.init = init;
      return this;
    }

    public Builder network(NetworkMode network) {
      this.network = network;
      return this;
    }

    public Builder ports(List<PortSpec> ports) {
      this.ports = ports;
      return this;
    }

    public Builder ports(PortSpec... ports) {
      return ports(List.of(ports));
    }

    public WorkloadSpec build() {
      return new WorkloadSpec(
          image,
          command,
          args,
          env,
          resources,
          replicas,
          restartPolicy,
          placement,
          healthCheck,
          update,
          autoscale,
          labels,
          stopGracePeriodSeconds,
          init,
          network,
          ports);
    }
  }
}

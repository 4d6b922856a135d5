package dev.aino.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.aino.error.ValidationException;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One placed replica of a workload (a Kubernetes pod, a Nomad allocation). Its id is {@code
 * <workload>-<suffix>} with a suffix of lower-case letters and digits, so the workload can always
 * be read off the id.
 *
 * @param id {@code <workload>-<suffix>}
 * @param workload owning workload's name
 * @param generation workload generation it was made from
 * @param templateHash hash of the spec fields that shape the container; differs means outdated
 * @param resources what it requests; counted against its node while non-terminal
 * @param node the node it is placed on, null while pending
 * @param desired run or stop
 * @param phase where it is in its life
 * @param containerId the runtime's handle, null before start
 * @param exitCode last exit code, null while it never ended
 * @param restartCount restarts by the monitor
 * @param ready true while its health check passes (or it runs and has none)
 * @param reason short CamelCase reason of the last transition, e.g. {@code CrashLoopBackOff}
 * @param message the human-readable detail of that transition
 * @param createdAt creation time
 * @param startedAt last time its process started
 * @param finishedAt last time its process ended
 * @param network how its container is networked, fixed when it is placed; null while pending
 * @param ip its address on the node's bridge, set by the node agent when its container runs; null
 *     before that, once it ends (a transition out of Running drops it), and in host mode (where it
 *     answers on the node's address)
 * @param ports its ports with the node's port each got, fixed when it is placed
 * @param revision store revision
 */
public record Instance(
    String id,
    String workload,
    long generation,
    String templateHash,
    Resources resources,
    String node,
    DesiredState desired,
    InstancePhase phase,
    String containerId,
    Integer exitCode,
    int restartCount,
    boolean ready,
    String reason,
    String message,
    Instant createdAt,
    Instant startedAt,
    Instant finishedAt,
    NetworkMode network,
    String ip,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<PortBinding> ports,
    long revision)
    implements StoredObject<Instance> {

  private static final Pattern SUFFIX = Pattern.compile("[a-z0-9]{1,16}");

  public Instance {
    Validate.dnsLabel("workload", workload);
    Validate.dnsLabel("id", id);
    String suffix =
        id.length() > workload.length() + 1 && id.startsWith(workload + "-")
            ? id.substring(workload.length() + 1)
            : "";
    if (!SUFFIX.matcher(suffix).matches()) {
      throw new ValidationException(
          "id",
          "must be \""
              + workload
              + "-\" followed by 1 to 16 letters or digits, got \""
              + id
              + "\"");
    }
    if (generation < 1) {
      throw new ValidationException("generation", "must be > 0, got " + generation);
    }
    templateHash = templateHash == null ? "" : Validate.text("templateHash", templateHash);
    Validate.required("resources", resources);
    if (node != null) {
      Validate.dnsLabel("node", node);
    }
    desired = desired == null ? DesiredState.RUN : desired;
    phase = phase == null ? InstancePhase.PENDING : phase;
    containerId = Validate.text("containerId", containerId);
    Validate.range("restartCount", restartCount, 0, Integer.MAX_VALUE);
    reason = Validate.text("reason", reason);
    message = Validate.text("message", message);
    createdAt = createdAt == null ? Instant.EPOCH : createdAt;
    ip = Validate.text("ip", ip);
    ports = ports == null ? List.of() : List.copyOf(ports);
  }

  /** A new pending instance of {@code workload} at its current generation. */
  public static Instance pending(Workload workload, String suffix, Instant now) {
    return pending(workload, workload.spec().templateHash(), suffix, now);
  }

  /**
   * A new pending instance, given the spec's {@link WorkloadSpec#templateHash()} (which a caller
   * creating many instances computes once).
   */
  public static Instance pending(
      Workload workload, String templateHash, String suffix, Instant now) {
    WorkloadSpec spec = workload.spec();
    return new Instance(
        workload.name() + "-" + suffix,
        workload.name(),
        workload.generation(),
        templateHash,
        spec.resources(),
        null,
        DesiredState.RUN,
        InstancePhase.PENDING,
        null,
        null,
        0,
        false,
        null,
        null,
        now,
        null,
        null,
        null,
        null,
        List.of(),
        0);
  }

  /** Reads the workload name off an instance id (the part before the last '-'). */
  public static String workloadOf(String instanceId) {
    int dash = instanceId == null ? -1 : instanceId.lastIndexOf('-');
    if (dash <= 0) {
      throw new ValidationException(
          "id", "must look like <workload>-<suffix>, got \"" + instanceId + "\"");
    }
    return instanceId.substring(0, dash);
  }

  @Override
  public String storeKey() {
    return workload + "/" + id;
  }

  @Override
  public Instance withRevision(long revision) {
    return toBuilder().revision(revision).build();
  }

  /** True while the instance waits to pull its image again after a failed pull. */
  public boolean waitsToPullImage() {
    return InstanceReasons.ERR_IMAGE_PULL.equals(reason)
        || InstanceReasons.IMAGE_PULL_BACK_OFF.equals(reason);
  }

  /** True while the instance holds resources on its node. */
  public boolean holdsResources() {
    return !phase.isTerminal();
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Copies an instance with some fields changed; the constructor validates the result. */
  public static final class Builder {
    private String id;
    private String workload;
    private long generation;
    private String templateHash;
    private Resources resources;
    private String node;
    private DesiredState desired;
    private InstancePhase phase;
    private String containerId;
    private Integer exitCode;
    private int restartCount;
    private boolean ready;
    private String reason;
    private String message;
    private Instant createdAt;
    private Instant startedAt;
    private Instant finishedAt;
    private NetworkMode network;
    private String ip;
    private List<PortBinding> ports;
    private long revision;

    private Builder(Instance i) {
      id = i.id;
      workload = i.workload;
      generation = i.generation;
      templateHash = i.templateHash;
      resources = i.resources;
      node = i.node;
      desired = i.desired;
      phase = i.phase;
      containerId = i.containerId;
      exitCode = i.exitCode;
      restartCount = i.restartCount;
      ready = i.ready;
      reason = i.reason;
      message = i.message;
      createdAt = i.createdAt;
      startedAt = i.startedAt;
      finishedAt = i.finishedAt;
      network = i.network;
      ip = i.ip;
      ports = i.ports;
      revision = i.revision;
    }

    public Builder node(String node) {
      this.node = node;
      return this;
    }

    public Builder desired(DesiredState desired) {
      this.desired = desired;
      return this;
    }

    /**
     * Sets the phase. Outside Running the instance's address is dropped: it belonged to a container
     * that ended (or was never up), and its network namespace and lease are released with it, so
     * nothing should show an address that no longer answers. Its ports stay: they are the
     * instance's for its life, and a restart of the same instance gets the same node ports.
     */
    public Builder phase(InstancePhase phase) {
      this.phase = phase;
      if (phase != InstancePhase.RUNNING) {
        this.ip = null;
      }
      return this;
    }

    /**
     * Sets phase, reason and message together, as every transition should; drops the address
     * outside Running as {@link #phase(InstancePhase)} says.
     */
    public Builder transition(InstancePhase phase, String reason, String message) {
      phase(phase);
      this.reason = reason;
      this.message = message;
      return this;
    }

    public Builder containerId(String containerId) {
      this.containerId = containerId;
      return this;
    }

    public Builder exitCode(Integer exitCode) {
      this.exitCode = exitCode;
      return this;
    }

    public Builder restartCount(int restartCount) {
      this.restartCount = restartCount;
      return this;
    }

    public Builder ready(boolean ready) {
      this.ready = ready;
      return this;
    }

    public Builder reason(String reason) {
      this.reason = reason;
      return this;
    }

    public Builder message(String message) {
      this.message = message;
      return this;
    }

    public Builder startedAt(Instant startedAt) {
      this.startedAt = startedAt;
      return this;
    }

    public Builder finishedAt(Instant finishedAt) {
      this.finishedAt = finishedAt;
      return this;
    }

    public Builder network(NetworkMode network) {
      this.network = network;
      return this;
    }

    public Builder ip(String ip) {
      this.ip = ip;
      return this;
    }

    public Builder ports(List<PortBinding> ports) {
      this.ports = ports;
      return this;
    }

    public Builder revision(long revision) {
      this.revision = revision;
      return this;
    }

    public Instance build() {
      return new Instance(
          id,
          workload,
          generation,
          templateHash,
          resources,
          node,
          desired,
          phase,
          containerId,
          exitCode,
          restartCount,
          ready,
          reason,
          message,
          createdAt,
          startedAt,
          finishedAt,
          network,
          ip,
          ports,
          revision);
    }
  }
}

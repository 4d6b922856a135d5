package dev.aino.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aino.error.ValidationErrors;
import dev.aino.error.ValidationException;
import dev.aino.json.StrictInput;
import dev.aino.model.AutoscalePolicy;
import dev.aino.model.HealthCheck;
import dev.aino.model.ImageReference;
import dev.aino.model.NetworkMode;
import dev.aino.model.Placement;
import dev.aino.model.PortSpec;
import dev.aino.model.Ports;
import dev.aino.model.Resources;
import dev.aino.model.RestartPolicy;
import dev.aino.model.UpdateStrategy;
import dev.aino.model.Validate;
import dev.aino.model.WorkloadSpec;
import java.util.List;
import java.util.Map;

/**
 * A workload as people and agents write it (JSON or YAML): {@code name} and a {@code spec} whose
 * omitted fields take the defaults of {@link WorkloadSpec.Builder}. Errors name the path from the
 * document's root, e.g. {@code spec.resources.memoryMiB: must be > 0, got -5}.
 *
 * @param name the workload name
 * @param spec the desired state; null fields take defaults
 */
public record WorkloadManifest(String name, SpecInput spec) {

  /**
   * The spec as written, every field optional but the image.
   *
   * @param image image reference
   * @param command entrypoint override
   * @param args arguments
   * @param env environment
   * @param resources request per instance (default 100m CPU, 64 MiB)
   * @param replicas replica count (default 1)
   * @param restartPolicy ALWAYS (default), ON_FAILURE or NEVER
   * @param placement node selector and strategy
   * @param healthCheck optional health check
   * @param update roll-out limits (default maxSurge 1, maxUnavailable 0)
   * @param autoscale optional autoscale policy
   * @param labels labels
   * @param stopGracePeriodSeconds seconds from SIGTERM to SIGKILL when an instance stops, 0 to 3600
   *     (default 10)
   * @param init true to run the process under a minimal init as PID 1 that forwards signals and
   *     reaps (default false)
   * @param network BRIDGE or HOST; omitted: bridge on nodes that offer it, host elsewhere
   * @param ports ports the container listens on: name, containerPort, optional hostPort (the node
   *     assigns one from 20000-32000 without it), protocol TCP (default) or UDP
   */
  public record SpecInput(
      String image,
      List<String> command,
      List<String> args,
      Map<String, String> env,
      ResourcesInput resources,
      Integer replicas,
      RestartPolicy restartPolicy,
      Placement placement,
      HealthCheck healthCheck,
      UpdateStrategy update,
      AutoscalePolicy autoscale,
      Map<String, String> labels,
      Integer stopGracePeriodSeconds,
      Boolean init,
      NetworkMode network,
      List<PortSpec> ports) {}

  /**
   * A resource request as written; either field may be omitted.
   *
   * @param cpuMillis CPU in millicores (1000 = one core)
   * @param memoryMiB memory in MiB
   */
  public record ResourcesInput(Long cpuMillis, Long memoryMiB) {}

  /**
   * The top-level field that {@code aino get workloads -o yaml} prints the observed state under. It
   * is ignored on input, so that what {@code get} prints can be applied again as it is.
   */
  public static final String STATUS = "status";

  /**
   * Decodes and validates a manifest document (JSON; YAML callers pass a parsed tree), strictly
   * (see {@link StrictInput}): wrong types and unknown fields are refused, not coerced or dropped.
   *
   * @throws ValidationException with every error of the document, each naming its path
   */
  public static WorkloadManifest parse(JsonNode document) {
    if (document == null || !document.isObject()) {
      throw new ValidationException(
          "", "must be an object with \"name\" and \"spec\", got " + kind(document));
    }
    JsonNode input = document;
    if (document.has(STATUS)) {
      ObjectNode copy = ((ObjectNode) document).deepCopy();
      copy.remove(STATUS);
      input = copy;
    }
    WorkloadManifest m = StrictInput.decode(input, WorkloadManifest.class, "");
    m.validate();
    return m;
  }

  private static String kind(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return "nothing";
    }
    if (node.isArray()) {
      return "a list";
    }
    return node.isTextual() ? "a string" : node.asText();
  }

  /**
   * Checks the name and the spec together and reports every error at once.
   *
   * @return the validated spec with defaults filled in
   * @throws ValidationException with every error, each naming its path from the document's root
   */
  public WorkloadSpec validate() {
    ValidationErrors errors = new ValidationErrors();
    errors.check(() -> Validate.dnsLabel("name", name));
    WorkloadSpec built = toSpec(errors);
    errors.throwIfAny();
    return built;
  }

  /**
   * The validated spec with defaults filled in.
   *
   * @throws ValidationException with every error of the spec, each naming its path
   */
  public WorkloadSpec toSpec() {
    ValidationErrors errors = new ValidationErrors();
    WorkloadSpec built = toSpec(errors);
    errors.throwIfAny();
    return built;
  }

  /**
   * Checks each field of the spec on its own, so that every error is found, then builds it.
   *
   * @return the spec, or null when an error was recorded
   */
  private WorkloadSpec toSpec(ValidationErrors errors) {
    if (spec == null) {
      errors.add("spec", "is required");
      return null;
    }
    SpecInput in = spec;
    int before = errors.count();
    WorkloadSpec.Builder b = WorkloadSpec.builder(in.image());
    Resources defaults = WorkloadSpec.DEFAULT_RESOURCES;
    if (in.image() == null) {
      errors.add("spec.image", "is required");
    } else {
      check(errors, () -> ImageReference.parse("image", in.image()));
    }
    if (in.command() != null) {
      check(errors, () -> b.command(Validate.texts("command", in.command())));
    }
    if (in.args() != null) {
      check(errors, () -> b.args(Validate.texts("args", in.args())));
    }
    if (in.env() != null) {
      check(errors, () -> b.env(Validate.env("env", in.env())));
    }
    if (in.resources() != null) {
      long cpu = orDefault(in.resources().cpuMillis(), defaults.cpuMillis());
      long mem = orDefault(in.resources().memoryMiB(), defaults.memoryMiB());
      check(
          errors,
          () -> Validate.range("resources.cpuMillis", cpu, 1, Resources.MAX_HOST_CPU_MILLIS));
      check(
          errors,
          () -> Validate.range("resources.memoryMiB", mem, 1, Resources.MAX_HOST_MEMORY_MIB));
      if (errors.count() == before) {
        b.resources(cpu, mem);
      }
    }
    if (in.replicas() != null) {
      check(errors, () -> Validate.range("replicas", in.replicas(), 0, WorkloadSpec.MAX_REPLICAS));
      b.replicas(in.replicas());
    }
    if (in.restartPolicy() != null) {
      b.restartPolicy(in.restartPolicy());
    }
    b.placement(in.placement()).healthCheck(in.healthCheck()).autoscale(in.autoscale());
    if (in.update() != null) {
      b.update(in.update());
    }
    if (in.labels() != null) {
      check(errors, () -> b.labels(Validate.labels("labels", in.labels())));
    }
    if (in.stopGracePeriodSeconds() != null) {
      check(
          errors,
          () ->
              Validate.range(
                  "stopGracePeriodSeconds",
                  in.stopGracePeriodSeconds(),
                  0,
                  WorkloadSpec.MAX_STOP_GRACE_SECONDS));
      b.stopGracePeriodSeconds(in.stopGracePeriodSeconds());
    }
    b.init(in.init());
    b.network(in.network());
    b.ports(Ports.check("spec.ports", in.ports(), in.network(), errors));
    if (errors.count() > before) {
      return null;
    }
    // What only the spec as a whole can check (replicas within the autoscale bounds).
    return errors.get(
        () -> {
          try {
            return b.build();
          } catch (ValidationException e) {
            throw e.under("spec");
          }
        });
  }

  private static void check(ValidationErrors errors, Runnable check) {
    try {
      check.run();
    } catch (ValidationException e) {
      errors.add(e.under("spec"));
    }
  }

  /** The manifest of an existing spec (for `get -o yaml` and round trips). */
  public static WorkloadManifest of(String name, WorkloadSpec s) {
    return new WorkloadManifest(
        name,
        new SpecInput(
            s.image(),
            s.command(),
            s.args(),
            s.env(),
            new ResourcesInput(s.resources().cpuMillis(), s.resources().memoryMiB()),
            s.replicas(),
            s.restartPolicy(),
            s.placement(),
            s.healthCheck(),
            s.update(),
            s.autoscale(),
            s.labels(),
            s.stopGracePeriodSeconds(),
            s.init(),
            s.network(),
            s.ports().isEmpty() ? null : s.ports()));
  }

  private static long orDefault(Long value, long fallback) {
    return value == null ? fallback : value;
  }
}

package dev.aino.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aino.error.ValidationException;
import dev.aino.json.Json;
import dev.aino.model.AutoscalePolicy;
import dev.aino.model.HealthCheck;
import dev.aino.model.Placement;
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
      Integer stopGracePeriodSeconds) {}

  /**
   * A resource request as written; either field may be omitted.
   *
   * @param cpuMillis CPU in millicores (1000 = one core)
   * @param memoryMiB memory in MiB
   */
  public record ResourcesInput(Long cpuMillis, Long memoryMiB) {}

  /** Decodes and validates a manifest document (JSON; YAML callers pass a parsed tree). */
  public static WorkloadManifest parse(JsonNode document) {
    if (document == null || !document.isObject()) {
      throw new ValidationException("", "must be an object with \"name\" and \"spec\"");
    }
    WorkloadManifest m = Json.decode(document, WorkloadManifest.class, "");
    Validate.dnsLabel("name", m.name());
    m.toSpec();
    return m;
  }

  /** The validated spec with defaults filled in. */
  public WorkloadSpec toSpec() {
    SpecInput in = Validate.required("spec", spec);
    try {
      WorkloadSpec.Builder b = WorkloadSpec.builder(Validate.required("image", in.image()));
      if (in.command() != null) {
        b.command(in.command());
      }
      if (in.args() != null) {
        b.args(in.args());
      }
      if (in.env() != null) {
        b.env(in.env());
      }
      if (in.resources() != null) {
        Resources defaults = b.build().resources();
        long cpu = orDefault(in.resources().cpuMillis(), defaults.cpuMillis());
        long mem = orDefault(in.resources().memoryMiB(), defaults.memoryMiB());
        b.resources(positive("resources.cpuMillis", cpu), positive("resources.memoryMiB", mem));
      }
      if (in.replicas() != null) {
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
        b.labels(in.labels());
      }
      b.stopGracePeriodSeconds(in.stopGracePeriodSeconds());
      return b.build();
    } catch (ValidationException e) {
      throw e.under("spec");
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
            s.stopGracePeriodSeconds()));
  }

  private static long orDefault(Long value, long fallback) {
    return value == null ? fallback : value;
  }

  private static long positive(String field, long value) {
    if (value <= 0) {
      throw new ValidationException(field, "must be > 0, got " + value);
    }
    return value;
  }
}

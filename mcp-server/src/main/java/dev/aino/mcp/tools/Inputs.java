package dev.aino.mcp.tools;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.aino.api.WorkloadManifest;
import dev.aino.model.InstancePhase;
import dev.aino.model.Validate;

/** The argument records of the tools; their constructors validate what the facade would not. */
public final class Inputs {
  private Inputs() {}

  /** No arguments. */
  public record None() {}

  /**
   * A workload spec to create or update, optionally waiting until it runs ({@code wait} in JSON:
   * the Java name would clash with {@link Object#wait()}).
   */
  public record Schedule(
      String name,
      WorkloadManifest.SpecInput spec,
      @JsonProperty("wait") Boolean awaitRunning,
      Integer timeoutSeconds) {
    public Schedule {
      Validate.dnsLabel("name", name);
      Validate.required("spec", spec);
      if (timeoutSeconds != null) {
        Validate.range("timeoutSeconds", timeoutSeconds, 1, 600);
      }
    }

    WorkloadManifest manifest() {
      return new WorkloadManifest(name, spec);
    }
  }

  /** A workload spec to plan. */
  public record Plan(String name, WorkloadManifest.SpecInput spec) {
    public Plan {
      Validate.dnsLabel("name", name);
      Validate.required("spec", spec);
    }
  }

  /** A page of a list. */
  public record PageQuery(String cursor, Integer limit) {}

  /** A workload by name. */
  public record WorkloadName(String name) {
    public WorkloadName {
      Validate.dnsLabel("name", name);
    }
  }

  /** A new replica count. */
  public record Scale(String name, Integer replicas) {
    public Scale {
      Validate.dnsLabel("name", name);
      Validate.required("replicas", replicas);
    }
  }

  /** A workload to delete. */
  public record Delete(String name, Boolean confirm) {
    public Delete {
      Validate.dnsLabel("name", name);
    }
  }

  /** Which instances to list. */
  public record InstanceQuery(
      String workload, String node, InstancePhase phase, String cursor, Integer limit) {}

  /** An instance by id. */
  public record InstanceId(String id) {
    public InstanceId {
      Validate.dnsLabel("id", id);
    }
  }

  /** A node by name. */
  public record NodeName(String name) {
    public NodeName {
      Validate.dnsLabel("name", name);
    }
  }

  /** A node to drain. */
  public record Drain(String name, Boolean confirm) {
    public Drain {
      Validate.dnsLabel("name", name);
    }
  }

  /** Which events to list: about one object, or all; optionally only warnings. */
  public record EventQuery(
      String workload,
      String node,
      String instance,
      Boolean warningsOnly,
      String cursor,
      Integer limit) {}
}

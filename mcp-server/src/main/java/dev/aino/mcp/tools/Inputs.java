package dev.aino.mcp.tools;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.aino.api.ChangeOptions;
import dev.aino.api.WorkloadManifest;
import dev.aino.error.ValidationErrors;
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
      Integer timeoutSeconds,
      @JsonProperty("expected_generation") Long expectedGeneration,
      Boolean force) {
    public Schedule {
      // Every error at once: the name, each field of the spec, the timeout.
      ValidationErrors errors = new ValidationErrors();
      errors.check(() -> new WorkloadManifest(name, spec).validate());
      if (timeoutSeconds != null) {
        errors.check(() -> Validate.range("timeoutSeconds", timeoutSeconds, 1, 600));
      }
      errors.throwIfAny();
    }

    WorkloadManifest manifest() {
      return new WorkloadManifest(name, spec);
    }
  }

  /** A workload spec to plan. */
  public record Plan(String name, WorkloadManifest.SpecInput spec) {
    public Plan {
      new WorkloadManifest(name, spec).validate();
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
  public record Scale(
      String name,
      Integer replicas,
      @JsonProperty("expected_generation") Long expectedGeneration,
      Boolean force) {
    public Scale {
      Validate.dnsLabel("name", name);
      Validate.required("replicas", replicas);
    }
  }

  /** A workload to delete. */
  public record Delete(
      String name,
      Boolean confirm,
      @JsonProperty("expected_generation") Long expectedGeneration,
      Boolean force) {
    public Delete {
      Validate.dnsLabel("name", name);
    }
  }

  /**
   * The precondition and {@code force} of a change: force makes it on a workload another caller
   * manages strictly.
   */
  static ChangeOptions change(Long expectedGeneration, Boolean force) {
    return ChangeOptions.expecting(expectedGeneration).forced(Boolean.TRUE.equals(force));
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

  /**
   * Which of an instance's log lines to return ({@code tail_lines} and {@code max_bytes} in JSON,
   * as models write them).
   */
  public record LogRequest(
      String id,
      @JsonProperty("tail_lines") Integer tailLines,
      String since,
      @JsonProperty("max_bytes") Integer maxBytes) {
    static final int DEFAULT_TAIL = 50;
    static final int MAX_TAIL = 1000;
    static final int DEFAULT_MAX_BYTES = 8 * 1024;
    static final int MAX_BYTES = 256 * 1024;

    public LogRequest {
      Validate.dnsLabel("id", id);
      tailLines = tailLines == null ? DEFAULT_TAIL : tailLines;
      Validate.range("tail_lines", tailLines, 1, MAX_TAIL);
      maxBytes = maxBytes == null ? DEFAULT_MAX_BYTES : maxBytes;
      Validate.range("max_bytes", maxBytes, 1, MAX_BYTES);
    }
  }

  /** What plan_intent takes. */
  public record PlanIntent(String text, String conversation) {}

  /** What apply_intent takes. */
  public record ApplyIntent(String text, String conversation, Boolean confirm) {}
}

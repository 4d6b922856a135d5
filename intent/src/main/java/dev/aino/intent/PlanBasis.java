package dev.aino.intent;

import dev.aino.model.AutoscalePolicy;
import dev.aino.model.Validate;
import dev.aino.model.Workload;
import dev.aino.model.WorkloadSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The workload a plan was made from: its name, its generation and its spec then, or that it did not
 * exist. The conversation keeps it with the plan, and confirming the plan applies it only if the
 * workload is still at that generation, so that two agents that plan from one state cannot both
 * apply blindly: the second is told what changed and re-plans.
 *
 * @param workload the workload's name
 * @param generation its generation when the plan was made; 0 when it did not exist
 * @param spec its spec then; null when it did not exist
 */
record PlanBasis(String workload, long generation, WorkloadSpec spec) {
  PlanBasis {
    Validate.dnsLabel("workload", workload);
    if ((spec == null) != (generation == 0)) {
      throw new IllegalArgumentException("a basis has a spec exactly when it has a generation");
    }
  }

  /** The workload as a plan read it. */
  static PlanBasis of(Workload w) {
    return new PlanBasis(w.name(), w.generation(), w.spec());
  }

  /** A plan made while no workload had this name (a deploy of a new one). */
  static PlanBasis absent(String workload) {
    return new PlanBasis(workload, 0, null);
  }

  boolean existed() {
    return spec != null;
  }

  /** The generation to make a change conditional on; null for a workload that did not exist. */
  Long expectedGeneration() {
    return existed() ? generation : null;
  }

  /** True when {@code now} (null: no such workload) is not the workload this plan was made from. */
  boolean isStale(Workload now) {
    if (now == null || now.isDeleting()) {
      return existed();
    }
    return now.generation() != generation;
  }

  /**
   * What changed since the plan, in words: {@code web moved from 3 to 5 replicas since this plan
   * (generation 4, now 5); nothing was changed: re-plan?}
   *
   * @param now the workload as it is now; null when it is gone
   */
  String whatChanged(Workload now) {
    String since;
    if (now == null || now.isDeleting()) {
      since = workload + " was " + (now == null ? "deleted" : "marked for deletion");
    } else if (!existed()) {
      since =
          workload
              + " was created ("
              + now.spec().replicas()
              + " x "
              + now.spec().image()
              + ", generation "
              + now.generation()
              + ")";
    } else {
      List<String> changes = differences(spec, now.spec());
      since =
          workload
              + " "
              + (changes.isEmpty() ? "changed" : join(changes))
              + " (generation "
              + generation
              + ", now "
              + now.generation()
              + ")";
    }
    // "web moved from 3 to 5 replicas (generation 4, now 5) since this plan"
    return since + " since this plan; nothing was changed: re-plan?";
  }

  private static List<String> differences(WorkloadSpec was, WorkloadSpec is) {
    List<String> changes = new ArrayList<>();
    if (was.replicas() != is.replicas()) {
      changes.add("moved from " + was.replicas() + " to " + is.replicas() + " replicas");
    }
    if (!was.image().equals(is.image())) {
      changes.add("changed image from " + was.image() + " to " + is.image());
    }
    if (!was.resources().equals(is.resources())) {
      changes.add("changed resources from " + was.resources() + " to " + is.resources());
    }
    if (!Objects.equals(was.autoscale(), is.autoscale())) {
      changes.add(
          "changed autoscaling from "
              + autoscale(was.autoscale())
              + " to "
              + autoscale(is.autoscale()));
    }
    if (!was.command().equals(is.command()) || !was.args().equals(is.args())) {
      changes.add("changed its command");
    }
    if (!was.env().equals(is.env())) {
      changes.add("changed its env");
    }
    if (!was.placement().equals(is.placement())) {
      changes.add("changed its placement");
    }
    return changes;
  }

  private static String autoscale(AutoscalePolicy p) {
    return p == null ? "off" : p.describe();
  }

  private static String join(List<String> parts) {
    if (parts.size() == 1) {
      return parts.get(0);
    }
    return String.join(", ", parts.subList(0, parts.size() - 1))
        + " and "
        + parts.get(parts.size() - 1);
  }
}

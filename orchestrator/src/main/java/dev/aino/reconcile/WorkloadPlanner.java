package dev.aino.reconcile;

import dev.aino.model.DesiredState;
import dev.aino.model.Instance;
import dev.aino.model.InstancePhase;
import dev.aino.model.InstanceReasons;
import dev.aino.model.RestartPolicy;
import dev.aino.model.UpdateStrategy;
import dev.aino.model.Workload;
import dev.aino.text.Counts;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The pure heart of the workload reconciler: given a workload and its instances, what should be
 * created, stopped and garbage-collected. Running it on its own output changes nothing.
 *
 * <p>Rules, in the order applied:
 *
 * <ol>
 *   <li>A deleted (or deleting) workload: stop every instance, delete terminal ones, and once none
 *       is left, delete the workload.
 *   <li>Instances that ended for good count towards the replica count only when the restart policy
 *       says they are done (a job that succeeded, or failed under {@code NEVER}); LOST, TERMINATED
 *       and other FAILED instances are replaced.
 *   <li>Rolling update: instances made from an older template are replaced at most {@code maxSurge}
 *       above the replica count, never taking ready instances below {@code replicas -
 *       maxUnavailable}. Instances still stopping count towards the surge, so a roll-out never
 *       holds more than {@code replicas + maxSurge} instances' resources.
 *   <li>Scale down removes pending instances first, then not-ready ones, then the newest.
 *   <li>Terminal instances beyond the newest {@link #KEPT_TERMINAL} are deleted; the kept ones stay
 *       visible for troubleshooting.
 * </ol>
 */
public final class WorkloadPlanner {
  /** Ended instances kept per workload so that users can read why they ended. */
  public static final int KEPT_TERMINAL = 5;

  private static final Comparator<Instance> NEWEST_FIRST =
      Comparator.comparing(Instance::createdAt).reversed().thenComparing(Instance::id);

  private final InstanceIds ids;

  public WorkloadPlanner(InstanceIds ids) {
    this.ids = ids;
  }

  /**
   * Plans one pass.
   *
   * @param workload the workload, or null when it no longer exists
   * @param instances every stored instance of it
   * @param now the time to stamp on new instances
   */
  public Plan plan(Workload workload, List<Instance> instances, Instant now) {
    if (workload == null || workload.isDeleting()) {
      return planDeletion(instances);
    }
    RestartPolicy policy = workload.spec().restartPolicy();
    String template = workload.spec().templateHash();
    int replicas = workload.spec().replicas();
    UpdateStrategy update = workload.spec().update();

    List<Instance> current = new ArrayList<>();
    List<Instance> outdated = new ArrayList<>();
    List<Instance> terminal = new ArrayList<>();
    int stopping = 0;
    int stoppingOutdated = 0;
    int done = 0;
    for (Instance i : instances) {
      if (i.phase().isTerminal()) {
        terminal.add(i);
        if (i.desired() == DesiredState.RUN && isDone(i, policy)) {
          done++;
        }
      } else if (i.desired() == DesiredState.STOP) {
        stopping++;
        if (!i.templateHash().equals(template)) {
          stoppingOutdated++;
        }
      } else if (i.templateHash().equals(template)) {
        current.add(i);
      } else {
        outdated.add(i);
      }
    }

    List<Instance> stop = new ArrayList<>();
    List<Instance> create = new ArrayList<>();
    int wanted = Math.max(0, replicas - done);

    // Too many current instances: scale down, cheapest first. The guard spares the sort on the
    // usual pass, which plans a workload of thousands of replicas on every change of one of them
    // (mutating it to >= survives: sorting and stopping none changes nothing).
    int excess = current.size() - wanted;
    if (excess > 0) {
      current.sort(scaleDownOrder());
      for (Instance i : current.subList(0, excess)) {
        stop.add(
            stopCopy(
                i,
                InstanceReasons.SCALED_DOWN,
                "scaled down to " + Counts.of(replicas, "replica")));
      }
      current = new ArrayList<>(current.subList(excess, current.size()));
    }

    // Outdated instances that are not ready do not count as available: replace them freely.
    List<Instance> outdatedReady = new ArrayList<>();
    for (Instance i : outdated) {
      if (isAvailable(i)) {
        outdatedReady.add(i);
      } else {
        stop.add(stopCopy(i, InstanceReasons.OUTDATED, "replaced by rolling update"));
      }
    }

    // Instances this pass asks to stop still hold their resources until they have stopped.
    long stoppingNow = stop.stream().filter(i -> !i.phase().isTerminal()).count();
    int active = (int) (current.size() + outdatedReady.size() + stopping + stoppingNow);
    // Without a roll-out, instances still stopping (scale-down, restart) do not delay replacements.
    // A roll-out lasts until its last old instance has stopped, not until it was asked to.
    boolean rollingOut = !outdated.isEmpty() || stoppingOutdated > 0;
    int surgeCap = rollingOut ? wanted + update.maxSurge() : wanted + stopping;
    int toCreate = Math.max(0, Math.min(wanted - current.size(), surgeCap - active));
    create.addAll(newInstances(workload, template, instances, toCreate, now));

    // Stop ready outdated instances while availability stays at replicas - maxUnavailable.
    long available =
        current.stream().filter(WorkloadPlanner::isAvailable).count() + outdatedReady.size();
    long minAvailable = Math.max(0, wanted - update.maxUnavailable());
    // Only ready instances count: a replacement that is still starting must not let an old,
    // ready one go (that would take availability below replicas - maxUnavailable).
    long canStop = Math.max(0, available - minAvailable);
    outdatedReady.sort(NEWEST_FIRST.reversed());
    for (int n = 0; n < Math.min(canStop, outdatedReady.size()); n++) {
      stop.add(
          stopCopy(outdatedReady.get(n), InstanceReasons.OUTDATED, "replaced by rolling update"));
    }

    List<Instance> delete = collectGarbage(terminal);
    return new Plan(
        create, stop, delete, false, summary(create, stop, delete, !outdated.isEmpty()));
  }

  /** {@code count} new pending instances, with ids no instance of the workload has. */
  private List<Instance> newInstances(
      Workload workload, String template, List<Instance> instances, int count, Instant now) {
    if (count == 0) {
      return List.of();
    }
    Set<String> taken = new HashSet<>();
    instances.forEach(i -> taken.add(i.id()));
    List<Instance> created = new ArrayList<>(count);
    for (int n = 0; n < count; n++) {
      String suffix = ids.next(workload.name(), taken);
      taken.add(workload.name() + "-" + suffix);
      created.add(Instance.pending(workload, template, suffix, now));
    }
    return created;
  }

  private Plan planDeletion(List<Instance> instances) {
    List<Instance> stop = new ArrayList<>();
    List<Instance> delete = new ArrayList<>();
    for (Instance i : instances) {
      if (i.phase().isTerminal()) {
        delete.add(i);
      } else if (i.desired() != DesiredState.STOP || i.node() == null) {
        stop.add(stopCopy(i, "WorkloadDeleted", "workload deleted"));
      }
    }
    boolean nothingLeft = instances.isEmpty();
    return new Plan(List.of(), stop, delete, nothingLeft, summary(List.of(), stop, delete, false));
  }

  /** True for an ended instance that the restart policy counts as finished work. */
  private static boolean isDone(Instance i, RestartPolicy policy) {
    if (i.phase() == InstancePhase.SUCCEEDED) {
      return policy != RestartPolicy.ALWAYS;
    }
    return i.phase() == InstancePhase.FAILED && policy == RestartPolicy.NEVER;
  }

  private static boolean isAvailable(Instance i) {
    return i.phase() == InstancePhase.RUNNING && i.ready();
  }

  /** Pending first, then placed but not running, then not ready, then newest. */
  private static Comparator<Instance> scaleDownOrder() {
    return Comparator.comparingInt(WorkloadPlanner::keepRank).thenComparing(NEWEST_FIRST);
  }

  private static int keepRank(Instance i) {
    if (i.node() == null) {
      return 0;
    }
    if (i.phase() != InstancePhase.RUNNING) {
      return 1;
    }
    return i.ready() ? 3 : 2;
  }

  /** A copy that asks the node to stop it; one that never reached a node ends right here. */
  static Instance stopCopy(Instance i, String reason, String message) {
    Instance.Builder b = i.toBuilder().desired(DesiredState.STOP);
    if (i.node() == null) {
      b.transition(InstancePhase.TERMINATED, reason, message);
    } else {
      b.reason(reason).message(message);
    }
    return b.build();
  }

  private static List<Instance> collectGarbage(List<Instance> terminal) {
    if (terminal.size() <= KEPT_TERMINAL) {
      return List.of(); // the usual case, without a copy and a sort (< survives, equivalently)
    }
    List<Instance> byAge = new ArrayList<>(terminal);
    byAge.sort(
        Comparator.comparing(
                (Instance i) -> i.finishedAt() != null ? i.finishedAt() : i.createdAt())
            .reversed()
            .thenComparing(Instance::id));
    return byAge.subList(KEPT_TERMINAL, byAge.size());
  }

  private static String summary(
      List<Instance> create, List<Instance> stop, List<Instance> delete, boolean rolling) {
    List<String> parts = new ArrayList<>();
    if (!create.isEmpty()) {
      parts.add("created " + create.size());
    }
    if (!stop.isEmpty()) {
      parts.add("stopping " + stop.size());
    }
    if (!delete.isEmpty()) {
      parts.add("removed " + delete.size() + " ended");
    }
    String text = String.join(", ", parts);
    return rolling && !text.isEmpty() ? text + " (rolling update)" : text;
  }
}

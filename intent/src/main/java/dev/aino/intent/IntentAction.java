package dev.aino.intent;

/** What an intent asks for. */
public enum IntentAction {
  /** Run a new workload (or replace the whole spec of one with that name). */
  DEPLOY(Kind.CHANGE),
  /** Change the image, resources, command, env or placement of a workload, keeping the rest. */
  UPDATE(Kind.CHANGE),
  /** Set the replica count: to N, by +/-N, or by a factor. */
  SCALE(Kind.CHANGE),
  /** Stop a workload's instances and remove it. */
  DELETE(Kind.CHANGE),
  /** Restart a workload's instances. */
  RESTART(Kind.CHANGE),
  /** How a workload is doing. */
  STATUS(Kind.QUESTION),
  /** Why a workload is not healthy. */
  DIAGNOSE(Kind.QUESTION),
  /** What a workload's containers wrote lately. */
  LOGS(Kind.QUESTION),
  /** Which workloads there are. */
  LIST(Kind.QUESTION),
  /** Nodes, capacity and what needs attention. */
  CLUSTER_STATUS(Kind.QUESTION),
  /** Keep a workload between bounds at a target use. */
  AUTOSCALE(Kind.CHANGE),
  /** Remove a workload's autoscale policy. */
  AUTOSCALE_OFF(Kind.CHANGE),
  /** Keep new instances off a node. */
  CORDON(Kind.CHANGE),
  /** Let new instances onto a node again. */
  UNCORDON(Kind.CHANGE),
  /** Cordon a node and move its instances elsewhere. */
  DRAIN(Kind.CHANGE);

  private enum Kind {
    CHANGE,
    QUESTION
  }

  private final Kind kind;

  IntentAction(Kind kind) {
    this.kind = kind;
  }

  /** True for questions: answered at once, never planned or applied. */
  public boolean isQuestion() {
    return kind == Kind.QUESTION;
  }

  /** True for actions that act on one node rather than a workload. */
  public boolean targetsNode() {
    return this == CORDON || this == UNCORDON || this == DRAIN;
  }

  /** True for actions that name an existing workload. */
  public boolean targetsWorkload() {
    return this != DEPLOY && this != LIST && this != CLUSTER_STATUS && !targetsNode();
  }
}

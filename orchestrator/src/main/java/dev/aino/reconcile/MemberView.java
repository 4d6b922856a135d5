package dev.aino.reconcile;

import java.util.Optional;

/**
 * What a gossip (SWIM) membership group currently says about each node, by node name. The control
 * loop uses it only to notice a failure sooner than heartbeats can: a node the group calls dead is
 * DOWN at once (no new placements), but its instances are replaced only once its heartbeat has
 * expired too, so a gossip false positive cannot by itself make the control plane replace work. The
 * orchestrator core knows only this interface; the server implements it with a SWIM library.
 */
@FunctionalInterface
public interface MemberView {
  /** No membership group: node status follows heartbeats alone. */
  MemberView NONE = node -> Optional.empty();

  /** The group's latest opinion of the node, or empty when the group has never seen it. */
  Optional<MemberState> state(String node);
}

package dev.aino.agent;

import dev.aino.model.EventType;
import dev.aino.model.Instance;
import dev.aino.model.Node;
import dev.aino.model.ObjectRef;
import dev.aino.model.Workload;
import dev.aino.store.ListResult;
import dev.aino.store.UpdateResult;
import dev.aino.store.Watch;
import dev.aino.store.WatchListener;
import java.util.Optional;

/**
 * Everything one node agent needs from the control plane, and nothing more: its node's record, its
 * own instances (listed, watched from a revision, and their status written back), the workloads it
 * runs, and its events. A server's own agent uses the store directly ({@link StoreNodeApi}); an
 * agent on another host that joined over HTTP uses a remote implementation of the same interface,
 * so it never holds the store's credentials and the node's whole conversation with the control
 * plane stays this narrow.
 *
 * <p>Every method is bound to one node: an implementation refuses to act on another node's objects.
 * Failures are {@link dev.aino.error.AinoException}s: {@code CONFLICT} for a lost compare-and-swap,
 * {@code NOT_FOUND} for a deleted instance, {@code UNAVAILABLE} when the control plane cannot be
 * reached.
 */
public interface NodeApi {
  /** The node this API acts for. */
  String nodeName();

  /**
   * Creates the node, or refreshes what the agent owns of it (address, its labels, capacity,
   * runtime) and keeps what the control plane owns (status, cordon, labels it added).
   */
  UpdateResult<Node> register(NodeClaim claim);

  /** Stamps the node's heartbeat now; registers the node from {@code claim} if it was deleted. */
  UpdateResult<Node> heartbeat(NodeClaim claim);

  /** The node's instances and the revision they were read at. */
  ListResult<Instance> listInstances();

  /**
   * Every change of the node's instances from {@code fromRevision} on, in revision order, or a
   * {@link dev.aino.store.WatchEvent.Relist} when the watch cannot continue from there.
   */
  Watch watchInstances(long fromRevision, WatchListener<Instance> listener);

  /**
   * Writes the instance if its stored revision is still {@code next.revision()}.
   *
   * @return the instance as written, with its new revision
   */
  Instance updateInstance(Instance next);

  /** One instance of this node as stored now (empty when it is gone), with the revision read. */
  InstanceRead instance(String id);

  /** The workload, if it exists: the spec the node's instances run. */
  Optional<Workload> workload(String name);

  /** Records an event about the node or one of its instances. */
  void recordEvent(ObjectRef object, EventType type, String reason, String message);

  /**
   * One instance read back after a lost compare-and-swap.
   *
   * @param instance the instance, or null when it no longer exists (or no longer is this node's)
   * @param revision the store revision of the read
   */
  record InstanceRead(Instance instance, long revision) {
    public Optional<Instance> current() {
      return Optional.ofNullable(instance);
    }
  }
}

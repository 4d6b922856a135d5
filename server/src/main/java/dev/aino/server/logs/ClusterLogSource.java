package dev.aino.server.logs;

import dev.aino.api.InstanceLogListener;
import dev.aino.api.InstanceLogSource;
import dev.aino.api.InstanceLogs;
import dev.aino.model.Instance;
import dev.aino.runtime.LogQuery;
import dev.aino.runtime.LogSubscription;
import dev.aino.store.StateStore;
import java.time.Instant;
import java.util.Objects;

/**
 * The log source of one {@code aino up}: its own node agent for instances on its node, the owning
 * node's server, at the address that node advertises, for every other instance.
 */
public final class ClusterLogSource implements InstanceLogSource {
  private final NodeOwners owners;
  private final InstanceLogSource local;
  private final RemoteLogSource remote;

  /**
   * @param localNode the name of this server's node
   * @param local reads the logs of instances on {@code localNode}
   * @param store where the other nodes' addresses are found
   * @param token the cluster's bearer token, sent to the other servers; null when there is none
   */
  public ClusterLogSource(
      String localNode, InstanceLogSource local, StateStore store, String token) {
    this.owners = new NodeOwners(localNode, store);
    this.local = Objects.requireNonNull(local, "local");
    this.remote = new RemoteLogSource(token);
  }

  /**
   * The address this server advertises, so that a node record pointing at it by mistake is refused
   * instead of sending a request round in a circle.
   */
  public void advertised(String address) {
    owners.advertised(address);
  }

  @Override
  public InstanceLogs read(Instance instance, LogQuery query) {
    if (owners.isLocal(instance)) {
      return local.read(instance, query);
    }
    return remote.read(owners.owner(instance, "the logs"), instance, query);
  }

  @Override
  public LogSubscription follow(Instance instance, Instant since, InstanceLogListener listener) {
    if (owners.isLocal(instance)) {
      return local.follow(instance, since, listener);
    }
    return remote.follow(owners.owner(instance, "the logs"), instance, since, listener);
  }
}

package dev.aino.server.logs;

import dev.aino.api.InstanceUsage;
import dev.aino.api.InstanceUsageSource;
import dev.aino.model.Instance;
import dev.aino.model.Node;
import dev.aino.store.StateStore;
import java.util.Objects;

/**
 * The usage source of one {@code aino up}: its own node agent's samples for instances on its node;
 * for every other instance, the owning node's server at the address that node advertises, through
 * its {@code GET /api/v1/instances/{id}/stats} route with the cluster's bearer token (as {@link
 * ClusterLogSource} reads logs). An error the other server answered keeps its code; a server that
 * cannot be reached is {@code UNAVAILABLE} naming the node and its address.
 */
public final class ClusterUsageSource implements InstanceUsageSource {
  private final NodeOwners owners;
  private final InstanceUsageSource local;
  private final NodeClients clients;

  /**
   * @param localNode the name of this server's node
   * @param local reads the usage of instances on {@code localNode}
   * @param store where the other nodes' addresses are found
   * @param token the cluster's bearer token, sent to the other servers; null when there is none
   */
  public ClusterUsageSource(
      String localNode, InstanceUsageSource local, StateStore store, String token) {
    this.owners = new NodeOwners(localNode, store);
    this.local = Objects.requireNonNull(local, "local");
    this.clients = new NodeClients(token);
  }

  /** The address this server advertises; a node record pointing at it is refused. */
  public void advertised(String address) {
    owners.advertised(address);
  }

  @Override
  public InstanceUsage usage(Instance instance) {
    if (owners.isLocal(instance)) {
      return local.usage(instance);
    }
    Node node = owners.owner(instance, "the usage");
    return clients.ask(node, instance, "the usage", client -> client.stats(instance.id()));
  }
}

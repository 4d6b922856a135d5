package dev.aino.server.logs;

import dev.aino.error.AinoException;
import dev.aino.error.UnavailableException;
import dev.aino.model.Instance;
import dev.aino.model.Node;
import dev.aino.server.client.AinoClient;
import dev.aino.server.client.ApiException;
import java.net.URI;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * One {@link AinoClient} per node address, with the cluster's bearer token, for the sources that
 * read from another node's server (logs, usage). An error the other server answered keeps its code;
 * a server that cannot be reached is {@code UNAVAILABLE} naming the node and its address.
 */
final class NodeClients {
  private final String token;
  private final ConcurrentHashMap<String, AinoClient> clients = new ConcurrentHashMap<>();

  /**
   * @param token the cluster's bearer token, or null when the cluster has none
   */
  NodeClients(String token) {
    this.token = token;
  }

  /**
   * Asks {@code node}'s server about {@code instance}.
   *
   * @param reading what is read, for the error, e.g. {@code the logs}
   */
  <T> T ask(Node node, Instance instance, String reading, Function<AinoClient, T> call) {
    AinoClient client =
        clients.computeIfAbsent(
            node.address(), address -> new AinoClient(URI.create("http://" + address), token));
    try {
      return call.apply(client);
    } catch (ApiException answered) {
      throw answered;
    } catch (AinoException e) {
      throw unreachable(node, instance, reading, e);
    }
  }

  /** The error for a node whose server did not answer, keeping what failed as the cause. */
  static AinoException unreachable(Node node, Instance instance, String reading, AinoException e) {
    return new UnavailableException(
        "cannot read "
            + reading
            + " of instance \""
            + instance.id()
            + "\" from node "
            + node.name()
            + " at "
            + node.address()
            + ": "
            + e.getMessage(),
        e);
  }
}

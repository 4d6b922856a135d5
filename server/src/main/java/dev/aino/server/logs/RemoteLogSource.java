package dev.aino.server.logs;

import dev.aino.api.InstanceLogListener;
import dev.aino.api.InstanceLogs;
import dev.aino.error.AinoException;
import dev.aino.model.Instance;
import dev.aino.model.Node;
import dev.aino.runtime.LogLine;
import dev.aino.runtime.LogQuery;
import dev.aino.runtime.LogSubscription;
import dev.aino.server.client.AinoClient;
import dev.aino.server.client.ApiException;
import dev.aino.server.client.FollowedLog;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Reads an instance's logs from the server of the node it runs on, through that server's REST logs
 * route ({@link AinoClient}: 5 s to connect, 30 s for an answer) with this cluster's bearer token.
 * A node that cannot be reached is {@code UNAVAILABLE} naming the node and its address; an error
 * the node answered keeps its code.
 */
final class RemoteLogSource {
  private static final AtomicInteger FOLLOWERS = new AtomicInteger();
  private static final String LOGS = "the logs";

  private final NodeClients clients;

  /**
   * @param token the cluster's bearer token, or null when the cluster has none
   */
  RemoteLogSource(String token) {
    this.clients = new NodeClients(token);
  }

  InstanceLogs read(Node node, Instance instance, LogQuery query) {
    return clients.ask(node, instance, LOGS, client -> client.logs(instance.id(), query));
  }

  /** Reads the node's stream on a thread of its own until it ends or is closed. */
  LogSubscription follow(
      Node node, Instance instance, Instant since, InstanceLogListener listener) {
    LogQuery fromSince = new LogQuery(null, since, LogQuery.MAX_BYTES);
    FollowedLog log =
        clients.ask(node, instance, LOGS, client -> client.followLogs(instance.id(), fromSince));
    Thread reader =
        new Thread(
            () -> relay(node, instance, log, listener),
            "aino-logs-" + node.name() + "-" + FOLLOWERS.incrementAndGet());
    reader.setDaemon(true);
    reader.start();
    return log::close;
  }

  private static void relay(
      Node node, Instance instance, FollowedLog log, InstanceLogListener listener) {
    AinoException failure = null;
    try {
      for (LogLine line = log.next(); line != null; line = log.next()) {
        listener.line(line);
      }
    } catch (ApiException answered) {
      failure = answered;
    } catch (AinoException e) {
      failure = NodeClients.unreachable(node, instance, LOGS, e);
    } finally {
      log.close();
    }
    listener.ended(failure);
  }
}

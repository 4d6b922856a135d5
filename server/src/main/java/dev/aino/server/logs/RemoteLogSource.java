package dev.aino.server.logs;

import dev.aino.api.InstanceLogListener;
import dev.aino.api.InstanceLogs;
import dev.aino.error.AinoException;
import dev.aino.error.UnavailableException;
import dev.aino.model.Instance;
import dev.aino.model.Node;
import dev.aino.runtime.LogLine;
import dev.aino.runtime.LogQuery;
import dev.aino.runtime.LogSubscription;
import dev.aino.server.client.AinoClient;
import dev.aino.server.client.ApiException;
import dev.aino.server.client.FollowedLog;
import java.net.URI;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Reads an instance's logs from the server of the node it runs on, through that server's REST logs
 * route ({@link AinoClient}: 5 s to connect, 30 s for an answer) with this cluster's bearer token.
 * A node that cannot be reached is {@code UNAVAILABLE} naming the node and its address; an error
 * the node answered keeps its code.
 */
final class RemoteLogSource {
  private static final AtomicInteger FOLLOWERS = new AtomicInteger();

  private final String token;
  private final ConcurrentHashMap<String, AinoClient> clients = new ConcurrentHashMap<>();

  /**
   * @param token the cluster's bearer token, or null when the cluster has none
   */
  RemoteLogSource(String token) {
    this.token = token;
  }

  InstanceLogs read(Node node, Instance instance, LogQuery query) {
    try {
      return client(node).logs(instance.id(), query);
    } catch (ApiException answered) {
      throw answered;
    } catch (AinoException e) {
      throw unreachable(node, instance, e);
    }
  }

  /** Reads the node's stream on a thread of its own until it ends or is closed. */
  LogSubscription follow(
      Node node, Instance instance, Instant since, InstanceLogListener listener) {
    FollowedLog log;
    try {
      log = client(node).followLogs(instance.id(), new LogQuery(null, since, LogQuery.MAX_BYTES));
    } catch (ApiException answered) {
      throw answered;
    } catch (AinoException e) {
      throw unreachable(node, instance, e);
    }
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
      failure = unreachable(node, instance, e);
    } finally {
      log.close();
    }
    listener.ended(failure);
  }

  private AinoClient client(Node node) {
    return clients.computeIfAbsent(
        node.address(), address -> new AinoClient(URI.create("http://" + address), token));
  }

  private static AinoException unreachable(Node node, Instance instance, AinoException e) {
    return new UnavailableException(
        "cannot read the logs of instance \""
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

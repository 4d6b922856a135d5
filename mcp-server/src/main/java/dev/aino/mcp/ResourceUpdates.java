package dev.aino.mcp;

import dev.aino.api.ChangeFeed;
import dev.aino.mcp.tools.AinoResources;
import dev.aino.model.Instance;
import dev.aino.model.ObjectRef;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.spec.McpSchema.ResourcesUpdatedNotification;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends {@code notifications/resources/updated} for the resources a store change touches. Changes
 * are coalesced for a short moment, as a roll-out writes many objects at once and a subscriber
 * needs one nudge per resource, not one per write. The SDK sends each only to subscribed sessions.
 */
final class ResourceUpdates implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ResourceUpdates.class);
  private static final long COALESCE_MILLIS = 100;

  private final McpSyncServer server;
  private final ScheduledExecutorService timer;
  private final ChangeFeed.Subscription subscription;
  private final Set<String> pending = new LinkedHashSet<>();

  ResourceUpdates(McpSyncServer server, ChangeFeed feed) {
    this.server = server;
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "mcp-resource-updates");
              t.setDaemon(true);
              return t;
            });
    this.subscription = feed.subscribe(this::changed);
  }

  /** The resources whose content depends on the object. */
  static List<String> uris(ObjectRef ref) {
    switch (ref.kind()) {
      case "workload":
        return List.of(
            AinoResources.workloadUri(ref.name()), AinoResources.WORKLOADS, AinoResources.CLUSTER);
      case "instance":
        return List.of(
            AinoResources.workloadUri(Instance.workloadOf(ref.name())),
            AinoResources.WORKLOADS,
            AinoResources.CLUSTER);
      default:
        return List.of(AinoResources.CLUSTER);
    }
  }

  private void changed(ObjectRef ref) {
    boolean first;
    synchronized (pending) {
      first = pending.isEmpty();
      pending.addAll(uris(ref));
    }
    if (first) {
      timer.schedule(this::flush, COALESCE_MILLIS, TimeUnit.MILLISECONDS);
    }
  }

  private void flush() {
    List<String> uris;
    synchronized (pending) {
      uris = List.copyOf(pending);
      pending.clear();
    }
    for (String uri : uris) {
      try {
        server.notifyResourcesUpdated(new ResourcesUpdatedNotification(uri));
      } catch (RuntimeException e) {
        LOG.debug("could not notify subscribers of {}: {}", uri, e.toString());
      }
    }
  }

  @Override
  public void close() {
    subscription.close();
    timer.shutdownNow();
  }
}

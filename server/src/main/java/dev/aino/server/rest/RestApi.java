package dev.aino.server.rest;

import dev.aino.api.ChangeFeed;
import dev.aino.api.OrchestratorService;
import dev.aino.intent.IntentEngine;
import dev.aino.server.http.HttpComponent;
import io.javalin.config.JavalinConfig;
import java.util.List;

/** The REST API v1 as one {@link HttpComponent}: every route under {@link #PREFIX}. */
public final class RestApi implements HttpComponent {
  /** Where every route of this version lives. */
  public static final String PREFIX = "/api/v1";

  private final List<Routes> groups;

  /**
   * Serves {@code service}, and intents through {@code intents}, over HTTP; {@code feed} (the
   * store's changes) drives the routes that follow changes.
   */
  public RestApi(OrchestratorService service, IntentEngine intents, ChangeFeed feed) {
    this.groups =
        List.of(
            new WorkloadRoutes(service, feed),
            new InstanceRoutes(service),
            new LogRoutes(service),
            new NodeRoutes(service),
            new ClusterRoutes(service),
            new IntentRoutes(intents),
            new WatchRoutes(feed));
  }

  @Override
  public void configure(JavalinConfig config) {
    groups.forEach(group -> group.register(config.routes));
  }
}

package dev.aino.server.rest;

import static dev.aino.server.rest.RestApi.PREFIX;

import dev.aino.agent.NodeApi;
import dev.aino.api.InstanceLogSource;
import dev.aino.api.InstanceUsageSource;
import dev.aino.error.FailedPreconditionException;
import dev.aino.error.NotFoundException;
import dev.aino.model.Instance;
import dev.aino.model.InstancePhase;
import dev.aino.runtime.LogQuery;
import dev.aino.server.http.HttpComponent;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.util.Objects;

/**
 * What a joined agent ({@code aino agent --join}) serves on its own port: the logs and usage of its
 * node's instances, at the same paths and in the same shapes as a server's ({@code GET
 * /api/v1/instances/{id}/logs} and {@code /stats}), because the servers read them the way they read
 * any other node's, at the address the node registered. Nothing else is served: the agent holds no
 * state of the cluster. An instance is looked up through the node API, so the agent answers only
 * for instances the control plane places on its node.
 */
public final class AgentEndpoints implements HttpComponent {
  private final NodeApi api;
  private final InstanceLogSource logs;
  private final InstanceUsageSource usage;

  public AgentEndpoints(NodeApi api, InstanceLogSource logs, InstanceUsageSource usage) {
    this.api = Objects.requireNonNull(api, "api");
    this.logs = Objects.requireNonNull(logs, "logs");
    this.usage = Objects.requireNonNull(usage, "usage");
  }

  @Override
  public void configure(JavalinConfig config) {
    config.routes.get(LogRoutes.PATH, this::logs);
    config.routes.get(PREFIX + "/instances/{id}/stats", this::stats);
  }

  private Instance instance(String id) {
    return api.instance(id)
        .current()
        .orElseThrow(
            () ->
                new NotFoundException(
                    "instance \"" + id + "\" is not placed on node " + api.nodeName()));
  }

  private void logs(Context ctx) {
    Instance instance = instance(ctx.pathParam("id"));
    LogQuery query = LogRoutes.query(ctx);
    if (QueryParams.flag(ctx, "follow")) {
      LogStreaming.stream(ctx, listener -> logs.follow(instance, query.since(), listener));
    } else {
      ctx.json(logs.read(instance, query));
    }
  }

  private void stats(Context ctx) {
    Instance instance = instance(ctx.pathParam("id"));
    if (instance.phase() != InstancePhase.RUNNING) {
      throw new FailedPreconditionException(
          "instance \"" + instance.id() + "\" is " + instance.phase() + ", not running");
    }
    ctx.json(usage.usage(instance));
  }
}

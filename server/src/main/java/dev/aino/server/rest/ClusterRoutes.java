package dev.aino.server.rest;

import static dev.aino.server.rest.RestApi.PREFIX;

import dev.aino.api.OrchestratorService;
import dev.aino.error.ValidationException;
import dev.aino.model.ObjectRef;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

/** {@code /api/v1/cluster} (the summary) and {@code /api/v1/events}. */
final class ClusterRoutes implements Routes {
  private final OrchestratorService service;

  ClusterRoutes(OrchestratorService service) {
    this.service = service;
  }

  @Override
  public void register(RoutesConfig routes) {
    routes.get(PREFIX + "/cluster", ctx -> ctx.json(Routes.as(service, ctx).cluster()));
    routes.get(PREFIX + "/events", this::events);
    // Prometheus' http_sd_configs format: a bare list of target groups.
    routes.get(PREFIX + "/discovery/prometheus", ctx -> ctx.json(service.prometheusTargets()));
  }

  /**
   * {@code ?kind=workload&name=web} for one object's events, neither for all; {@code ?by=NAME} for
   * those the caller NAME caused; newest first, as those are the ones asked about, and the cursor
   * leads to older ones.
   */
  private void events(Context ctx) {
    String kind = QueryParams.optional(ctx, "kind");
    String name = QueryParams.optional(ctx, "name");
    if ((kind == null) != (name == null)) {
      throw new ValidationException(
          kind == null ? "kind" : "name",
          "is required with " + (kind == null ? "name" : "kind") + ": give both or neither");
    }
    if (kind != null && !ObjectRef.KINDS.contains(kind)) {
      throw new ValidationException(
          "kind",
          "must be one of "
              + String.join(", ", ObjectRef.KINDS)
              + ", got \""
              + (kind.length() > 40 ? kind.substring(0, 37) + "..." : kind)
              + "\"");
    }
    ObjectRef object = kind == null ? null : new ObjectRef(kind, name);
    String by = QueryParams.optional(ctx, "by");
    ctx.json(Routes.as(service, ctx).events(object, null, by, QueryParams.page(ctx)));
  }
}

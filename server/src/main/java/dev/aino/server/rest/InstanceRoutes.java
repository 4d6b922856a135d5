package dev.aino.server.rest;

import static dev.aino.server.rest.RestApi.PREFIX;

import dev.aino.api.InstanceFilter;
import dev.aino.api.OrchestratorService;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

/** {@code /api/v1/instances}: list with filters, read one, its CPU and memory use, restart one. */
final class InstanceRoutes implements Routes {
  private static final String COLLECTION = PREFIX + "/instances";
  private static final String ONE = COLLECTION + "/{id}";

  private final OrchestratorService service;

  InstanceRoutes(OrchestratorService service) {
    this.service = service;
  }

  @Override
  public void register(RoutesConfig routes) {
    routes.get(COLLECTION, this::list);
    routes.get(ONE, this::get);
    // Also what other servers of the cluster call to read the usage of instances on this node.
    routes.get(ONE + "/stats", ctx -> ctx.json(Routes.as(service, ctx).stats(ctx.pathParam("id"))));
    routes.post(ONE + "/restart", this::restart);
  }

  /** {@code ?workload=&node=&phase=}, each optional. */
  private void list(Context ctx) {
    InstanceFilter filter =
        new InstanceFilter(
            QueryParams.optional(ctx, "workload"),
            QueryParams.optional(ctx, "node"),
            QueryParams.phase(ctx, "phase"));
    ctx.json(Routes.as(service, ctx).instances(filter, QueryParams.page(ctx)));
  }

  private void get(Context ctx) {
    ctx.json(Routes.as(service, ctx).instance(ctx.pathParam("id")));
  }

  private void restart(Context ctx) {
    ctx.json(Routes.as(service, ctx).restartInstance(ctx.pathParam("id")));
  }
}

package dev.aino.server.rest;

import static dev.aino.server.rest.RestApi.PREFIX;

import dev.aino.api.OrchestratorService;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

/** {@code /api/v1/nodes}: list, read one, cordon, uncordon and drain. */
final class NodeRoutes implements Routes {
  private static final String COLLECTION = PREFIX + "/nodes";
  private static final String ONE = COLLECTION + "/{name}";

  private final OrchestratorService service;

  NodeRoutes(OrchestratorService service) {
    this.service = service;
  }

  @Override
  public void register(RoutesConfig routes) {
    routes.get(COLLECTION, this::list);
    routes.get(ONE, this::get);
    routes.post(
        ONE + "/cordon",
        ctx -> ctx.json(Routes.as(service, ctx).cordon(ctx.pathParam("name")).node()));
    routes.post(
        ONE + "/uncordon",
        ctx -> ctx.json(Routes.as(service, ctx).uncordon(ctx.pathParam("name")).node()));
    routes.post(
        ONE + "/drain", ctx -> ctx.json(Routes.as(service, ctx).drain(ctx.pathParam("name"))));
  }

  private void list(Context ctx) {
    ctx.json(Routes.as(service, ctx).nodes(QueryParams.page(ctx)));
  }

  private void get(Context ctx) {
    ctx.json(Routes.as(service, ctx).node(ctx.pathParam("name")));
  }
}

package dev.aino.server.rest;

import dev.aino.api.OrchestratorService;
import dev.aino.server.http.RequestCallers;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

/** One resource's routes (workloads, instances, ...), added to the shared router. */
interface Routes {
  void register(RoutesConfig routes);

  /**
   * The facade as the request's caller sees it: every route calls through this, so a change is
   * checked against the caller's role and the events it causes name the caller.
   */
  static OrchestratorService as(OrchestratorService service, Context ctx) {
    return service.as(RequestCallers.ofRest(ctx.req()));
  }
}

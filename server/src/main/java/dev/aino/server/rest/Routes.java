package dev.aino.server.rest;

import io.javalin.config.RoutesConfig;

/** One resource's routes (workloads, instances, ...), added to the shared router. */
interface Routes {
  void register(RoutesConfig routes);
}

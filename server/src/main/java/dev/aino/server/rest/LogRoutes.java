package dev.aino.server.rest;

import static dev.aino.server.rest.RestApi.PREFIX;

import dev.aino.api.LogSince;
import dev.aino.api.OrchestratorService;
import dev.aino.runtime.LogQuery;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Instant;

/**
 * {@code GET /api/v1/instances/{id}/logs?tail=&since=&maxBytes=&follow=}: an instance's output as
 * one JSON document, or with {@code follow=true} as a stream of JSON lines ({@link LogStreaming}).
 */
final class LogRoutes implements Routes {
  /** The route, also what other servers of the cluster call to read their instances' logs. */
  static final String PATH = PREFIX + "/instances/{id}/logs";

  private final OrchestratorService service;

  LogRoutes(OrchestratorService service) {
    this.service = service;
  }

  @Override
  public void register(RoutesConfig routes) {
    routes.get(PATH, this::logs);
  }

  private void logs(Context ctx) {
    String id = ctx.pathParam("id");
    LogQuery query = query(ctx);
    if (QueryParams.flag(ctx, "follow")) {
      LogStreaming.stream(ctx, service, id, query);
    } else {
      ctx.json(Routes.as(service, ctx).logs(id, query));
    }
  }

  /** {@code tail} (lines, default all), {@code since}, {@code maxBytes} (default 1 MiB). */
  static LogQuery query(Context ctx) {
    Integer tail = QueryParams.integer(ctx, "tail", 0, Integer.MAX_VALUE);
    Instant since = LogSince.parse("since", QueryParams.optional(ctx, "since"), Instant.now());
    Integer maxBytes = QueryParams.integer(ctx, "maxBytes", 1, (int) LogQuery.MAX_BYTES);
    return new LogQuery(tail, since, maxBytes == null ? LogQuery.DEFAULT_MAX_BYTES : maxBytes);
  }
}

package dev.aino.server.rest;

import static dev.aino.server.rest.RestApi.PREFIX;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aino.api.ApplyOutcome;
import dev.aino.api.ApplyResult;
import dev.aino.api.ChangeFeed;
import dev.aino.api.ChangeOptions;
import dev.aino.api.Endpoint;
import dev.aino.api.OrchestratorService;
import dev.aino.api.WorkloadManifest;
import dev.aino.api.WorkloadStatus;
import dev.aino.error.ValidationException;
import dev.aino.json.StrictInput;
import dev.aino.model.WorkloadSpec;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

/**
 * {@code /api/v1/workloads}: list, read, apply (create or update, or a dry run), replace by name,
 * scale and delete; where a workload's instances answer ({@code /endpoints}), once or followed.
 */
final class WorkloadRoutes implements Routes {
  private static final String COLLECTION = PREFIX + "/workloads";
  private static final String ONE = COLLECTION + "/{name}";

  private final OrchestratorService service;
  private final ChangeFeed feed;

  /** Serves {@code service}; {@code feed} tells a watched endpoints list when to look again. */
  WorkloadRoutes(OrchestratorService service, ChangeFeed feed) {
    this.service = service;
    this.feed = feed;
  }

  /**
   * The body of {@code POST .../{name}/scale}.
   *
   * @param replicas the new replica count
   * @param expectedGeneration scale only if the workload is still at this generation
   */
  record ScaleRequest(Integer replicas, Long expectedGeneration) {}

  @Override
  public void register(RoutesConfig routes) {
    routes.get(COLLECTION, this::list);
    routes.post(COLLECTION, this::apply);
    routes.get(ONE, this::get);
    routes.put(ONE, this::replace);
    routes.delete(ONE, this::delete);
    routes.post(ONE + "/scale", this::scale);
    routes.get(ONE + "/endpoints", this::endpoints);
  }

  /** The list, or with {@code ?watch=true} the list and then every change as server-sent events. */
  private void endpoints(Context ctx) {
    QueryParams.only(ctx, "watch");
    OrchestratorService caller = Routes.as(service, ctx);
    String name = ctx.pathParam("name");
    if (QueryParams.flag(ctx, "watch")) {
      EndpointStreaming.stream(ctx, caller, feed, name);
    } else {
      ctx.json(new Endpoint.Items(caller.endpoints(name)));
    }
  }

  private void list(Context ctx) {
    ctx.json(Routes.as(service, ctx).workloads(QueryParams.page(ctx)));
  }

  private void get(Context ctx) {
    WorkloadStatus status = Routes.as(service, ctx).workload(ctx.pathParam("name"));
    // The generation, to send back as If-Match on a change that must not overwrite another's.
    ctx.header("ETag", "\"" + status.workload().generation() + "\"");
    ctx.json(status);
  }

  private void apply(Context ctx) {
    JsonNode document = RequestBodies.document(ctx);
    Long expected = Preconditions.expectedGeneration(ctx, Preconditions.takeFromBody(document));
    respondToApply(ctx, WorkloadManifest.parse(document), expected);
  }

  /** PUT: the path names the workload; a name in the body may be left out but must agree. */
  private void replace(Context ctx) {
    String name = ctx.pathParam("name");
    JsonNode document = RequestBodies.document(ctx);
    if (document.isObject()) {
      JsonNode given = document.get("name");
      if (given == null || given.isNull()) {
        ((ObjectNode) document).put("name", name);
      } else if (!given.isTextual() || !given.textValue().equals(name)) {
        throw new ValidationException(
            "name", "must match the name in the path (\"" + name + "\"), got " + given.toString());
      }
    }
    Long expected = Preconditions.expectedGeneration(ctx, Preconditions.takeFromBody(document));
    respondToApply(ctx, WorkloadManifest.parse(document), expected);
  }

  private void respondToApply(Context ctx, WorkloadManifest manifest, Long expected) {
    WorkloadSpec spec = manifest.toSpec();
    if (QueryParams.flag(ctx, "dryRun")) {
      ctx.json(Routes.as(service, ctx).plan(manifest.name(), spec));
      return;
    }
    // The apply says what it did and what it wrote: a read before or after could see another
    // request's write to the same name.
    ChangeOptions options =
        changeOptions(ctx, expected)
            .managedBy(
                QueryParams.optional(ctx, "manager"), QueryParams.ownership(ctx, "ownership"));
    ApplyResult result = Routes.as(service, ctx).apply(manifest.name(), spec, options);
    ctx.header(ApplyOutcome.HEADER, result.outcome().id());
    ctx.json(result.status());
  }

  private void scale(Context ctx) {
    String name = ctx.pathParam("name");
    ScaleRequest request = StrictInput.decode(RequestBodies.document(ctx), ScaleRequest.class, "");
    if (request.replicas() == null) {
      throw new ValidationException("replicas", "is required, e.g. {\"replicas\": 3}");
    }
    Long expected = Preconditions.expectedGeneration(ctx, request.expectedGeneration());
    ctx.json(Routes.as(service, ctx).scale(name, request.replicas(), changeOptions(ctx, expected)));
  }

  /** 202: the workload is marked for deletion; it goes once its instances have stopped. */
  private void delete(Context ctx) {
    Long expected = Preconditions.expectedGeneration(ctx, null);
    ctx.status(202)
        .json(
            Routes.as(service, ctx)
                .delete(ctx.pathParam("name"), changeOptions(ctx, expected))
                .workload());
  }

  /**
   * The precondition and {@code ?force=true}, which makes a change of a workload another caller
   * manages strictly.
   */
  private static ChangeOptions changeOptions(Context ctx, Long expected) {
    return ChangeOptions.expecting(expected).forced(QueryParams.flag(ctx, "force"));
  }
}

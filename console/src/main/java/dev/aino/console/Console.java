package dev.aino.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.aino.api.Caller;
import dev.aino.api.ChangeFeed;
import dev.aino.api.InstanceFilter;
import dev.aino.api.NodeSummary;
import dev.aino.api.OrchestratorService;
import dev.aino.api.Page;
import dev.aino.api.PageRequest;
import dev.aino.api.PlanResult;
import dev.aino.api.WorkloadManifest;
import dev.aino.api.WorkloadStatus;
import dev.aino.error.AinoException;
import dev.aino.error.ErrorCode;
import dev.aino.error.ValidationErrors;
import dev.aino.error.ValidationException;
import dev.aino.intent.IntentEngine;
import dev.aino.intent.IntentRequest;
import dev.aino.intent.IntentResult;
import dev.aino.json.StrictInput;
import dev.aino.model.Event;
import dev.aino.model.Instance;
import dev.aino.model.InstancePhase;
import dev.aino.model.ObjectRef;
import dev.aino.text.Counts;
import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.javalin.config.JavalinConfig;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * The web console's routes. Pages are whole documents; each has one live region whose content a
 * {@code /ui/live/...} route renders again when the page's event stream says something changed.
 * Changes are htmx requests with JSON bodies (the request guard refuses form bodies on every route)
 * and the session's CSRF header; each calls the facade as the caller the guard authenticated, so a
 * viewer gets the same 403 message as on REST, shown in the page.
 */
public final class Console implements AutoCloseable {
  /** The most nodes one page lists (the REST API pages beyond that). */
  static final int PAGE_LIMIT = 2000;

  /**
   * Rows of the workloads table per page. A page of every workload grows with the cluster: 1,000
   * rows were about 1 MB of HTML to render and compress on every live refresh of every open tab.
   * One page of 100 keeps the render and the transfer flat however many workloads exist.
   */
  static final int WORKLOADS_PER_PAGE = 100;

  /** The query parameter that names the page of a paged table (the shared pager's cursor). */
  static final String CURSOR = "cursor";

  private static final String ASSETS = "/ui/assets/";
  private static final Map<String, String> ASSET_FILES =
      Map.of(
          "console.css", "dev/aino/console/assets/console.css",
          "console.js", "dev/aino/console/assets/console.js",
          "htmx.min.js", "META-INF/resources/webjars/htmx.org/2.0.4/dist/htmx.min.js",
          "sse.js", "META-INF/resources/webjars/htmx-ext-sse/2.2.2/sse.js");

  private final OrchestratorService service;
  private final IntentEngine intents;
  private final ConsoleLogin login;
  private final Function<HttpServletRequest, Caller> callers;
  private final ToIntFunction<ErrorCode> statusOf;
  private final LiveUpdates live;
  private final TemplateEngine templates;
  private final Clock clock;
  private final ObjectMapper json = new ObjectMapper();
  private final YAMLMapper yaml =
      YAMLMapper.builder()
          .disable(
              com.fasterxml.jackson.dataformat.yaml.YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
          .enable(com.fasterxml.jackson.dataformat.yaml.YAMLGenerator.Feature.MINIMIZE_QUOTES)
          .build();
  private final Map<String, byte[]> assets = new LinkedHashMap<>();

  /**
   * @param service the facade; changes go through {@code service.as(caller)}
   * @param feed the store's changes, pushed to open pages
   * @param intents the engine behind "Ask aino"
   * @param login how a token logs in ({@link ConsoleLogin#NONE} without a token)
   * @param callers who the request guard authenticated, seen through the console
   * @param statusOf the HTTP status of an error code, as the rest of the server answers it
   */
  public Console(
      OrchestratorService service,
      ChangeFeed feed,
      IntentEngine intents,
      ConsoleLogin login,
      Function<HttpServletRequest, Caller> callers,
      ToIntFunction<ErrorCode> statusOf,
      Clock clock) {
    this.service = service;
    this.intents = intents;
    this.login = login;
    this.callers = callers;
    this.statusOf = statusOf;
    this.clock = clock;
    this.templates = TemplateEngine.createPrecompiled(ContentType.Html);
    ASSET_FILES.forEach((name, resource) -> assets.put(name, load(resource)));
    this.live = new LiveUpdates(feed);
  }

  /** Paths anyone may GET: the login page and what it needs to render. */
  public Set<String> publicPaths() {
    return Set.of("/login", ASSETS + "console.css", ASSETS + "console.js", ASSETS + "htmx.min.js");
  }

  /** Adds the console's routes. */
  public void configure(JavalinConfig config) {
    RoutesConfig r = config.routes;
    r.get("/", ctx -> page(ctx, "overview", "Overview", "pages/overview.jte", overview()));
    r.get(
        "/workloads",
        ctx -> page(ctx, "workloads", "Workloads", "pages/workloads.jte", workloads(ctx)));
    r.get("/workloads/{name}", this::workloadPage);
    r.get("/create", ctx -> createPage(ctx, WorkloadForm.blank(), 200));
    r.get("/nodes", ctx -> page(ctx, "nodes", "Nodes", "pages/nodes.jte", nodes()));
    r.get("/topology", ctx -> page(ctx, "topology", "Topology", "pages/topology.jte", topology()));
    r.get("/events", ctx -> page(ctx, "events", "Events", "pages/events.jte", filterOf(ctx)));
    r.get("/ask", ctx -> page(ctx, "ask", "Ask aino", "pages/ask.jte", null));
    r.get("/login", this::loginPage);
    r.post("/login", this::login);
    r.post("/logout", this::logout);
    r.get(ASSETS + "{file}", this::asset);
    r.sse("/ui/stream", live::connect);
    r.get("/ui/live/overview", ctx -> fragment(ctx, "live/overview.jte", overview()));
    r.get("/ui/live/workloads", ctx -> fragment(ctx, "live/workloads.jte", workloads(ctx)));
    r.get("/ui/live/workload/{name}", ctx -> fragment(ctx, "live/workload.jte", workload(ctx)));
    r.get("/ui/live/nodes", ctx -> fragment(ctx, "live/nodes.jte", nodes()));
    r.get("/ui/live/topology", ctx -> fragment(ctx, "live/topology.jte", topology()));
    r.get("/ui/live/events", ctx -> fragment(ctx, "live/events.jte", events(filterOf(ctx))));
    r.post("/ui/workloads", this::create);
    r.post("/ui/workloads/yaml", this::createFromYaml);
    r.post("/ui/workloads/{name}/scale", this::scale);
    r.post("/ui/workloads/{name}/delete", this::delete);
    r.post("/ui/workloads/{name}/plan", ctx -> edit(ctx, false));
    r.post("/ui/workloads/{name}/apply", ctx -> edit(ctx, true));
    r.post("/ui/nodes/{name}/{action}", this::nodeAction);
    r.post("/ui/ask", this::ask);
  }

  // ---- views -----------------------------------------------------------------------------

  /** Everything the overview shows. */
  public record OverviewView(
      dev.aino.api.ClusterSummary cluster,
      List<NodeSummary> nodes,
      Map<InstancePhase, Integer> phases,
      List<Event> events,
      Instant now) {}

  /** The workload page's live part. */
  public record WorkloadView(
      WorkloadStatus status,
      String yaml,
      List<Instance> instances,
      List<Event> events,
      Instant now) {}

  /** One node of the topology view with its instances. */
  public record NodeBox(NodeSummary node, List<Instance> instances) {}

  /** The events page's filter: a kind and name, or none. */
  public record EventFilter(String object) {
    public boolean any() {
      return object == null || object.isBlank();
    }
  }

  /** The events list and its filter. */
  public record EventsView(EventFilter filter, List<Event> events, Instant now) {}

  private OverviewView overview() {
    Map<InstancePhase, Integer> phases = new EnumMap<>(InstancePhase.class);
    var cluster = service.cluster();
    for (InstancePhase p : InstancePhase.values()) {
      phases.put(p, cluster.instancesByPhase().getOrDefault(p, 0));
    }
    return new OverviewView(cluster, nodes(), phases, recentEvents(null, 12), clock.instant());
  }

  /**
   * One page of the workloads table, in name order, through the facade's pager: the statuses of the
   * page's rows only, from one pass over the instances.
   */
  public record WorkloadsView(
      List<WorkloadStatus> items, int total, String cursor, String nextCursor) {
    public WorkloadsView {
      items = List.copyOf(items);
      cursor = cursor == null ? "" : cursor;
    }

    /** Whether this is a later page (then the table links back to the first). */
    public boolean later() {
      return !cursor.isEmpty();
    }
  }

  private WorkloadsView workloads(Context ctx) {
    String cursor = onlyParameter(ctx, CURSOR);
    Page<WorkloadStatus> page =
        service.workloads(new PageRequest(WORKLOADS_PER_PAGE, cursor == null ? null : cursor));
    return new WorkloadsView(page.items(), page.total(), cursor, page.nextCursor());
  }

  /**
   * The value of the one query parameter a page takes, or null: any other parameter, or this one
   * twice, is refused naming it, as every input of aino.
   */
  private static String onlyParameter(Context ctx, String name) {
    ValidationErrors errors = new ValidationErrors();
    String value = null;
    for (Map.Entry<String, List<String>> p : ctx.queryParamMap().entrySet()) {
      String path = p.getKey();
      if (!p.getKey().equals(name)) {
        errors.add(path, "is not a parameter of this page; it takes " + name);
      } else if (p.getValue().size() != 1) {
        errors.add(path, "is given " + p.getValue().size() + " times; give it once");
      } else {
        value = p.getValue().get(0);
      }
    }
    errors.throwIfAny();
    return value;
  }

  private List<NodeSummary> nodes() {
    return service.nodes(PageRequest.first(PAGE_LIMIT)).items();
  }

  private WorkloadView workload(Context ctx) {
    String name = ctx.pathParam("name");
    WorkloadStatus status = service.workload(name);
    List<Instance> instances = new ArrayList<>(service.instances(InstanceFilter.ofWorkload(name)));
    instances.sort(Comparator.comparing(Instance::id));
    return new WorkloadView(
        status,
        yamlOf(status),
        instances,
        recentEvents(ObjectRef.workload(name), 20),
        clock.instant());
  }

  private String yamlOf(WorkloadStatus status) {
    try {
      JsonNode tree =
          json.valueToTree(WorkloadManifest.of(status.workload().name(), status.workload().spec()));
      withoutEmpty(tree);
      return yaml.writeValueAsString(tree);
    } catch (JsonProcessingException e) {
      throw new AinoException(ErrorCode.INTERNAL, "cannot print the workload as YAML", e);
    }
  }

  /** Drops empty lists, maps and nulls: the editor shows what was set, defaults are implied. */
  private static void withoutEmpty(JsonNode node) {
    if (node instanceof com.fasterxml.jackson.databind.node.ObjectNode object) {
      List<String> empty = new ArrayList<>();
      object
          .fields()
          .forEachRemaining(
              f -> {
                withoutEmpty(f.getValue());
                if (f.getValue().isNull()
                    || (f.getValue().isContainerNode() && f.getValue().isEmpty())) {
                  empty.add(f.getKey());
                }
              });
      object.remove(empty);
    }
  }

  private List<NodeBox> topology() {
    Map<String, List<Instance>> byNode = new LinkedHashMap<>();
    for (Instance i : service.instances(InstanceFilter.ALL)) {
      if (i.node() != null && !i.phase().isTerminal()) {
        byNode.computeIfAbsent(i.node(), n -> new ArrayList<>()).add(i);
      }
    }
    List<NodeBox> boxes = new ArrayList<>();
    for (NodeSummary n : nodes()) {
      List<Instance> on = byNode.getOrDefault(n.node().name(), List.of());
      on.sort(Comparator.comparing(Instance::id));
      boxes.add(new NodeBox(n, on));
    }
    return boxes;
  }

  private EventFilter filterOf(Context ctx) {
    String object = ctx.queryParam("object");
    return new EventFilter(object == null ? "" : object.strip());
  }

  private EventsView events(EventFilter filter) {
    ObjectRef ref = null;
    if (!filter.any()) {
      int slash = filter.object().indexOf('/');
      if (slash <= 0) {
        throw new ValidationException(
            "object", "must be kind/name, e.g. workload/web, got \"" + filter.object() + "\"");
      }
      ref =
          new ObjectRef(filter.object().substring(0, slash), filter.object().substring(slash + 1));
    }
    return new EventsView(filter, recentEvents(ref, 200), clock.instant());
  }

  /** The newest {@code limit} events of one object, or of all when {@code ref} is null. */
  private List<Event> recentEvents(ObjectRef ref, int limit) {
    return service.events(ref, null, PageRequest.first(limit)).items();
  }

  // ---- pages -----------------------------------------------------------------------------

  private Shell shell(Context ctx, String section, String title) {
    Caller caller = callers.apply(ctx.req());
    String csrf = login.session(ctx.req()).map(ConsoleSession::csrfToken).orElse("");
    return new Shell(title, section, caller, login.required(), csrf);
  }

  private void page(Context ctx, String section, String title, String template, Object view) {
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("shell", shell(ctx, section, title));
    params.put("view", view);
    html(ctx, 200, template, params);
  }

  private void workloadPage(Context ctx) {
    String name = ctx.pathParam("name");
    WorkloadView view = workload(ctx);
    page(ctx, "workloads", name, "pages/workload.jte", view);
  }

  private void createPage(Context ctx, WorkloadForm form, int status) {
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("shell", shell(ctx, "create", "Create a workload"));
    params.put("form", form);
    html(ctx, status, "pages/create.jte", params);
  }

  private void fragment(Context ctx, String template, Object view) {
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("shell", shell(ctx, "", ""));
    params.put("view", view);
    html(ctx, 200, template, params);
  }

  /** Renders a template to a string first, so that an error in it becomes one clean answer. */
  String render(String template, Map<String, Object> params) {
    StringOutput out = new StringOutput(8192);
    templates.render(template, params, out);
    return out.toString();
  }

  private void html(Context ctx, int status, String template, Map<String, Object> params) {
    ctx.status(status).contentType("text/html; charset=utf-8").result(render(template, params));
    ctx.header("Cache-Control", "no-store");
  }

  private void flash(Context ctx, int status, String tone, String message) {
    ctx.header("HX-Retarget", "#flash");
    ctx.header("HX-Reswap", "innerHTML");
    html(ctx, status, "parts/flash.jte", Map.of("tone", tone, "message", message));
  }

  private void failed(Context ctx, AinoException e) {
    flash(ctx, statusOf.applyAsInt(e.code()), "bad", e.getMessage());
  }

  // ---- login -----------------------------------------------------------------------------

  private void loginPage(Context ctx) {
    if (!login.required()) {
      ctx.redirect("/");
      return;
    }
    html(ctx, 200, "pages/login.jte", Map.of("error", ""));
  }

  private void login(Context ctx) {
    Map<String, String> body = body(ctx, List.of("token"));
    try {
      ConsoleSession session = login.login(body.getOrDefault("token", ""));
      Cookie cookie = new Cookie(ConsoleSession.COOKIE, session.id());
      cookie.setHttpOnly(true);
      cookie.setSameSite(SameSite.STRICT);
      cookie.setPath("/");
      cookie.setMaxAge(
          (int) Math.max(1, Duration.between(clock.instant(), session.expiresAt()).getSeconds()));
      ctx.cookie(cookie);
      ctx.header("HX-Redirect", "/");
      ctx.status(204);
    } catch (AinoException e) {
      html(
          ctx,
          statusOf.applyAsInt(e.code()),
          "parts/login-form.jte",
          Map.of("error", e.getMessage()));
    }
  }

  private void logout(Context ctx) {
    login.session(ctx.req()).ifPresent(s -> login.logout(s.id()));
    ctx.removeCookie(ConsoleSession.COOKIE, "/");
    ctx.header("HX-Redirect", login.required() ? "/login" : "/");
    ctx.status(204);
  }

  private void asset(Context ctx) {
    String file = ctx.pathParam("file");
    byte[] bytes = assets.get(file);
    if (bytes == null) {
      throw new AinoException(ErrorCode.NOT_FOUND, "no console asset " + file);
    }
    ctx.contentType(
        file.endsWith(".css") ? "text/css; charset=utf-8" : "text/javascript; charset=utf-8");
    ctx.header("Cache-Control", "public, max-age=3600");
    ctx.result(bytes);
  }

  private static byte[] load(String resource) {
    try (InputStream in = Console.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("the console's asset " + resource + " is not in the jar");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the console's asset " + resource, e);
    }
  }

  // ---- changes ---------------------------------------------------------------------------

  private OrchestratorService as(Context ctx) {
    return service.as(callers.apply(ctx.req()));
  }

  /** The JSON object the page's htmx extension sends, every value as text. */
  /**
   * The request's form fields, sent by {@code console.js} as one JSON object of strings: strictly,
   * as every input of aino. A duplicate key, a field the route does not take, or a value that is
   * not a string is refused with its path, every one at once; nothing is coerced.
   */
  private static Map<String, String> body(Context ctx, List<String> known) {
    Map<String, String> fields = new LinkedHashMap<>();
    String text = ctx.body();
    if (text.isBlank()) {
      return fields;
    }
    JsonNode root;
    try {
      root = StrictInput.mapper().readTree(text);
    } catch (JsonProcessingException e) {
      throw new ValidationException("body", "is not valid JSON: " + e.getOriginalMessage());
    }
    if (root == null || !root.isObject()) {
      throw new ValidationException("body", "must be a JSON object of form fields");
    }
    ValidationErrors errors = new ValidationErrors();
    root.fields()
        .forEachRemaining(
            f -> {
              String path = "body." + f.getKey();
              if (!known.contains(f.getKey())) {
                errors.add(
                    path, "is not a field of this form; it takes " + String.join(", ", known));
              } else if (!f.getValue().isTextual()) {
                errors.add(
                    path,
                    "must be a string (form fields are text), got "
                        + f.getValue().getNodeType().name().toLowerCase(Locale.ROOT));
              } else {
                fields.put(f.getKey(), f.getValue().asText());
              }
            });
    errors.throwIfAny();
    return fields;
  }

  private void create(Context ctx) {
    WorkloadForm form = new WorkloadForm(body(ctx, WorkloadForm.FIELDS), Map.of());
    WorkloadManifest manifest;
    try {
      manifest = form.manifest();
    } catch (ValidationException e) {
      createForm(ctx, form.withErrors(e), 400);
      return;
    }
    try {
      OrchestratorService mine = as(ctx);
      if (exists(manifest.name())) {
        createForm(
            ctx,
            new WorkloadForm(
                form.values(),
                Map.of("name", "a workload named " + manifest.name() + " exists already")),
            409);
        return;
      }
      mine.apply(manifest.name(), manifest.validate());
      ctx.header("HX-Redirect", "/workloads/" + manifest.name());
      ctx.status(204);
    } catch (ValidationException e) {
      createForm(ctx, form.withErrors(e), 400);
    } catch (AinoException e) {
      failed(ctx, e);
    }
  }

  private void createForm(Context ctx, WorkloadForm form, int status) {
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("shell", shell(ctx, "create", "Create a workload"));
    params.put("form", form);
    html(ctx, status, "parts/create-form.jte", params);
  }

  /** The create page's YAML tab: the whole manifest, errors listed under the editor. */
  private void createFromYaml(Context ctx) {
    try {
      WorkloadManifest manifest = manifestOf(body(ctx, List.of("yaml")).getOrDefault("yaml", ""));
      OrchestratorService mine = as(ctx);
      if (exists(manifest.name())) {
        throw new AinoException(
            ErrorCode.ALREADY_EXISTS, "a workload named " + manifest.name() + " exists already");
      }
      mine.apply(manifest.name(), manifest.validate());
      ctx.header("HX-Redirect", "/workloads/" + manifest.name());
      ctx.status(204);
    } catch (ValidationException e) {
      html(ctx, 400, "parts/flash.jte", Map.of("tone", "bad", "message", e.getMessage()));
    } catch (AinoException e) {
      failed(ctx, e);
    }
  }

  private WorkloadManifest manifestOf(String text) {
    JsonNode doc;
    try {
      doc = yaml.readTree(text);
    } catch (JsonProcessingException e) {
      throw new ValidationException("yaml", "is not valid YAML: " + e.getOriginalMessage());
    }
    return WorkloadManifest.parse(doc);
  }

  private boolean exists(String name) {
    try {
      service.workload(name);
      return true;
    } catch (AinoException e) {
      if (e.code() == ErrorCode.NOT_FOUND) {
        return false;
      }
      throw e;
    }
  }

  private void scale(Context ctx) {
    String name = ctx.pathParam("name");
    try {
      String replicas = body(ctx, List.of("replicas")).getOrDefault("replicas", "").strip();
      int count;
      try {
        count = Integer.parseInt(replicas);
      } catch (NumberFormatException e) {
        throw new ValidationException(
            "replicas", "must be a whole number, got \"" + replicas + "\"");
      }
      WorkloadStatus status = as(ctx).scale(name, count);
      flash(ctx, 200, "ok", name + " scaled to " + status.desired() + " replicas");
    } catch (AinoException e) {
      failed(ctx, e);
    }
  }

  private void delete(Context ctx) {
    String name = ctx.pathParam("name");
    try {
      as(ctx).delete(name);
      ctx.header("HX-Redirect", "/workloads");
      ctx.status(204);
    } catch (AinoException e) {
      failed(ctx, e);
    }
  }

  /** Plans (apply false) or applies the YAML of the workload page's editor. */
  private void edit(Context ctx, boolean apply) {
    String name = ctx.pathParam("name");
    try {
      WorkloadManifest manifest = manifestOf(body(ctx, List.of("yaml")).getOrDefault("yaml", ""));
      if (!manifest.name().equals(name)) {
        throw new ValidationException(
            "name", "must stay " + name + " (create a new workload to use another name)");
      }
      OrchestratorService mine = as(ctx);
      if (apply) {
        mine.apply(name, manifest.validate());
        flash(ctx, 200, "ok", name + " applied");
      } else {
        PlanResult plan = mine.plan(name, manifest.validate());
        html(ctx, 200, "parts/plan.jte", Map.of("plan", plan, "shell", shell(ctx, "", "")));
      }
    } catch (AinoException e) {
      failed(ctx, e);
    }
  }

  private void nodeAction(Context ctx) {
    String name = ctx.pathParam("name");
    String action = ctx.pathParam("action");
    try {
      OrchestratorService mine = as(ctx);
      switch (action) {
        case "cordon":
          mine.cordon(name);
          flash(ctx, 200, "ok", name + " cordoned: nothing new is placed on it");
          break;
        case "uncordon":
          mine.uncordon(name);
          flash(ctx, 200, "ok", name + " uncordoned");
          break;
        case "drain":
          var result = mine.drain(name);
          flash(
              ctx,
              200,
              "ok",
              name
                  + " drained: cordoned, and "
                  + Counts.of(result.stopping(), "instance")
                  + " asked to stop and placed elsewhere");
          break;
        default:
          throw new AinoException(
              ErrorCode.NOT_FOUND, "no node action " + action + "; use cordon, uncordon or drain");
      }
    } catch (AinoException e) {
      failed(ctx, e);
    }
  }

  private void ask(Context ctx) {
    Map<String, String> body = body(ctx, List.of("text", "conversation", "apply"));
    try {
      boolean apply = "true".equals(body.get("apply"));
      // The engine plans and applies through the caller's facade: a viewer's apply is refused
      // there, naming the caller and the role, and the change's events name who asked.
      Caller caller = callers.apply(ctx.req());
      String conversation = body.getOrDefault("conversation", "");
      IntentResult result =
          intents
              .as(caller)
              .handle(
                  new IntentRequest(
                      body.getOrDefault("text", ""),
                      conversation.isBlank() ? null : conversation,
                      !apply,
                      apply));
      Map<String, Object> params = new LinkedHashMap<>();
      params.put("result", result);
      params.put("text", body.getOrDefault("text", ""));
      params.put("shell", shell(ctx, "ask", ""));
      html(ctx, 200, "parts/answer.jte", params);
    } catch (AinoException e) {
      failed(ctx, e);
    }
  }

  @Override
  public void close() {
    live.close();
  }
}

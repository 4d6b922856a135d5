package dev.aino.a2a;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aino.api.Caller;
import dev.aino.api.OrchestratorService;
import dev.aino.error.AinoException;
import dev.aino.error.ErrorCode;
import dev.aino.intent.Intent;
import dev.aino.intent.IntentAction;
import dev.aino.intent.IntentEngine;
import dev.aino.intent.IntentRequest;
import dev.aino.intent.IntentResult;
import dev.aino.json.Json;
import dev.aino.json.StrictInput;
import dev.aino.metrics.Metrics;
import dev.aino.store.StateStore;
import dev.aino.store.memory.InMemoryStateStore;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * aino's A2A agent: one JSON-RPC request in, a response or a stream of them out. Messages go to the
 * {@link IntentEngine} through the facade as the caller sees it; questions come back as completed
 * tasks, changes as tasks followed until they took effect, missing details and confirmations as
 * {@code INPUT_REQUIRED} tasks that the next message with the same {@code taskId} continues.
 */
public final class A2aAgent implements AutoCloseable {
  /** Where the server mounts the JSON-RPC endpoint. */
  public static final String PATH = "/a2a";

  /** Where the server serves the agent card, to anyone. */
  public static final String CARD_PATH = "/.well-known/agent-card.json";

  private static final String JSONRPC = "2.0";

  /**
   * How often a server of a shared store looks for the unfinished tasks of servers whose node is
   * DOWN, to adopt and fail them (a read adopts the task it reads at once).
   */
  static final java.time.Duration ORPHAN_SWEEP = java.time.Duration.ofSeconds(30);

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(A2aAgent.class);

  /** The 1.0 enum's zero value: a {@code ListTasks} filter that filters nothing. */
  private static final String UNSPECIFIED = "TASK_STATE_UNSPECIFIED";

  private final IntentEngine engine;
  private final A2aSettings settings;
  private final Clock clock;
  private final TaskStore tasks;
  private final Map<String, String> conversations = new ConcurrentHashMap<>();
  private final ScheduledExecutorService followers;
  private final ExecutorService streams;
  private final PushSender pusher;

  /** Where the tasks are kept when the agent was given no state store; closed with the agent. */
  private final StateStore ownStore;

  /** An agent whose tasks live in memory only, gone when it closes. */
  public A2aAgent(IntentEngine engine, A2aSettings settings) {
    this(engine, settings, null, Clock.systemUTC());
  }

  /**
   * An agent that keeps its tasks in {@code store} and reads back the ones stored there, so that
   * they outlive a restart of the server.
   */
  public A2aAgent(IntentEngine engine, A2aSettings settings, StateStore store) {
    this(
        engine,
        settings,
        Objects.requireNonNull(store, "store"),
        Clock.systemUTC(),
        Metrics.NONE,
        null);
  }

  /**
   * An agent of one of possibly several servers sharing {@code store}: its tasks name {@code
   * server}, and the tasks of the others are read, listed and followed through the store.
   *
   * @param metrics where push notification deliveries are counted
   * @param server this server's name (its node's), unique among the servers of the store; null when
   *     no other server can share the store, and then every stored task is this server's
   */
  public A2aAgent(
      IntentEngine engine, A2aSettings settings, StateStore store, Metrics metrics, String server) {
    this(
        engine,
        settings,
        Objects.requireNonNull(store, "store"),
        Clock.systemUTC(),
        Objects.requireNonNull(metrics, "metrics"),
        server);
  }

  A2aAgent(IntentEngine engine, A2aSettings settings, StateStore store, Clock clock) {
    this(engine, settings, store, clock, Metrics.NONE, null);
  }

  private A2aAgent(
      IntentEngine engine,
      A2aSettings settings,
      StateStore store,
      Clock clock,
      Metrics metrics,
      String server) {
    this.engine = engine;
    this.settings = settings;
    this.clock = clock;
    this.ownStore = store == null ? new InMemoryStateStore() : null;
    this.pusher = settings.push().enabled() ? new PushSender(settings.push(), metrics) : null;
    this.tasks =
        new TaskStore(
            store == null ? ownStore : store,
            settings.retention(),
            settings.maxTasksPerContext(),
            clock,
            pusher,
            server);
    this.followers = Executors.newSingleThreadScheduledExecutor(daemon("aino-a2a-follow"));
    this.streams = Executors.newCachedThreadPool(daemon("aino-a2a-task"));
    if (server != null) {
      followers.scheduleWithFixedDelay(
          this::adoptOrphans,
          ORPHAN_SWEEP.toMillis(),
          ORPHAN_SWEEP.toMillis(),
          java.util.concurrent.TimeUnit.MILLISECONDS);
    }
  }

  /** One sweep for orphaned tasks; a failing store is logged and tried again next time. */
  private void adoptOrphans() {
    try {
      tasks.adoptOrphans();
    } catch (RuntimeException e) {
      LOG.warn("the sweep for orphaned A2A tasks failed: {}", e.toString());
    }
  }

  /**
   * The agent card for a server reachable at {@code baseUrl}.
   *
   * @param bearer true when the server wants a bearer token, which the card then declares
   */
  public ObjectNode card(String baseUrl, boolean bearer) {
    return AgentCard.of(baseUrl, settings.version(), bearer, settings.push().enabled());
  }

  /**
   * Answers one JSON-RPC request.
   *
   * @param body the request body
   * @param versionHeader the {@code A2A-Version} header, or null
   * @param service the facade as the caller sees it ({@code service.as(caller)})
   * @param caller who asks; tasks are visible to their creator only
   * @param baseUrl the server's address, for the extended card
   */
  public Reply handle(
      byte[] body,
      String versionHeader,
      OrchestratorService service,
      Caller caller,
      String baseUrl) {
    JsonNode root;
    try {
      // Strict: a duplicate key is refused, not decided by whichever came last.
      root = StrictInput.mapper().readTree(body);
    } catch (JsonProcessingException e) {
      return error(
          null,
          new A2aException(
              A2aErrorCode.PARSE_ERROR, "the body is not JSON: " + e.getOriginalMessage()));
    } catch (IOException e) {
      return error(null, new A2aException(A2aErrorCode.PARSE_ERROR, e.getMessage()));
    }
    JsonNode id = root == null ? null : root.get("id");
    if (id != null && !(id.isTextual() || id.isIntegralNumber() || id.isNull())) {
      id = null;
    }
    try {
      Request request = request(root);
      A2aVersion version = A2aVersion.of(versionHeader);
      Method method = Method.of(request.method, version);
      Call call = new Call(id, version, request.params, service, caller, baseUrl);
      return switch (method) {
        case SEND -> new Reply.Json(result(id, send(call)));
        case STREAM -> stream(call);
        case GET -> new Reply.Json(result(id, get(call)));
        case LIST -> new Reply.Json(result(id, list(call)));
        case CANCEL -> new Reply.Json(result(id, cancel(call)));
        case SUBSCRIBE -> subscribe(call);
        case EXTENDED_CARD -> new Reply.Json(result(id, card(baseUrl, true)));
        case PUSH_SET -> new Reply.Json(result(id, pushSet(call)));
        case PUSH_GET -> new Reply.Json(result(id, pushGet(call)));
        case PUSH_LIST -> new Reply.Json(result(id, pushList(call)));
        case PUSH_DELETE -> new Reply.Json(result(id, pushDelete(call)));
      };
    } catch (A2aException e) {
      return error(id, e);
    }
  }

  // ---- the envelope

  private record Request(String method, JsonNode params) {}

  private static Request request(JsonNode root) {
    if (root == null || !root.isObject()) {
      throw new A2aException(
          A2aErrorCode.INVALID_REQUEST,
          "the body must be one JSON-RPC request object (batches are not taken)");
    }
    JsonNode version = root.get("jsonrpc");
    if (version == null || !JSONRPC.equals(version.asText(null)) || !version.isTextual()) {
      throw new A2aException(A2aErrorCode.INVALID_REQUEST, "jsonrpc must be \"2.0\"");
    }
    JsonNode id = root.get("id");
    if (id == null || !(id.isTextual() || id.isIntegralNumber())) {
      throw new A2aException(
          A2aErrorCode.INVALID_REQUEST, "id must be a string or an integer (no notifications)");
    }
    JsonNode method = root.get("method");
    if (method == null || !method.isTextual() || method.textValue().isEmpty()) {
      throw new A2aException(A2aErrorCode.INVALID_REQUEST, "method must be a non-empty string");
    }
    JsonNode params = root.get("params");
    if (params == null || params.isNull()) {
      params = Wire.F.objectNode();
    } else if (!params.isObject()) {
      throw new A2aException(A2aErrorCode.INVALID_PARAMS, "params must be an object");
    }
    return new Request(method.textValue(), params);
  }

  private record Call(
      JsonNode id,
      A2aVersion version,
      JsonNode params,
      OrchestratorService service,
      Caller caller,
      String baseUrl) {}

  private static ObjectNode result(JsonNode id, JsonNode result) {
    ObjectNode n = Wire.F.objectNode();
    n.put("jsonrpc", JSONRPC);
    n.set("id", id);
    n.set("result", result);
    return n;
  }

  private static Reply error(JsonNode id, A2aException e) {
    ObjectNode n = Wire.F.objectNode();
    n.put("jsonrpc", JSONRPC);
    n.set("id", id == null ? Wire.F.nullNode() : id);
    ObjectNode error = n.putObject("error");
    error.put("code", e.code().code());
    error.put("message", e.getMessage());
    error.putObject("data").put("error", e.code().title());
    return new Reply.Json(n);
  }

  // ---- methods

  private JsonNode send(Call call) {
    Inbound in = inbound(call);
    boolean returnImmediately =
        call.version == A2aVersion.V1_0
            ? flag(call.params, "configuration", "returnImmediately", false)
            : !flag(call.params, "configuration", "blocking", true);
    run(in);
    TaskSnapshot t = in.task.snapshot();
    if (!returnImmediately && !t.state().isInterrupted()) {
      t = awaitInterrupted(in.task);
    }
    return Wire.sendResult(t, call.version);
  }

  private Reply stream(Call call) {
    Inbound in = inbound(call);
    TaskStream s = new TaskStream(call.id, call.version, in.task);
    streams.execute(() -> run(in));
    return s;
  }

  private JsonNode get(Call call) {
    A2aTask t = tasks.get(Wire.string(call.params, "id", true), call.caller.name());
    Integer history = nonNegative(call.params, "historyLength");
    return Wire.task(t.snapshot(), call.version, history);
  }

  private JsonNode list(Call call) {
    JsonNode p = call.params;
    String context = Wire.string(p, "contextId", false);
    String state = Wire.string(p, "status", false);
    Integer pageSize = nonNegative(p, "pageSize");
    if (pageSize != null && (pageSize < 1 || pageSize > 100)) {
      throw A2aException.invalidParams("pageSize", "must be between 1 and 100, got " + pageSize);
    }
    int size = pageSize == null ? 50 : pageSize;
    Integer history = nonNegative(p, "historyLength");
    TaskStore.Page page =
        tasks.list(
            call.caller.name(),
            context == null || context.isEmpty() ? null : context,
            state == null || state.isEmpty() || state.equals(UNSPECIFIED)
                ? null
                : TaskState.parse("status", state),
            size,
            Wire.string(p, "pageToken", false));
    ObjectNode n = Wire.F.objectNode();
    ArrayNode list = n.putArray("tasks");
    page.tasks().forEach(t -> list.add(Wire.task(t, call.version, history)));
    n.put("nextPageToken", page.nextPageToken());
    n.put("pageSize", size);
    n.put("totalSize", page.totalSize());
    return n;
  }

  private JsonNode cancel(Call call) {
    A2aTask t = tasks.get(Wire.string(call.params, "id", true), call.caller.name());
    TaskState state = t.state();
    if (!state.isTerminal()) {
      tasks.requireLocal(t, "cancel it");
    }
    if (state.isTerminal()) {
      throw new A2aException(
          A2aErrorCode.TASK_NOT_CANCELABLE,
          "task " + t.id + " is " + state.wire(call.version) + " and cannot be canceled");
    }
    String message;
    if (state == TaskState.WORKING && t.applied != null) {
      message =
          "Canceled: stopped following "
              + t.workload
              + ". Already applied: "
              + t.applied
              + "; that change stays (send a new intent to undo it).";
    } else {
      if (t.conversation != null) {
        // Drops the question or plan the conversation waits on, so a later "yes" applies nothing.
        engine.handle(new IntentRequest("no", t.conversation, true, false), call.service);
      }
      message = "Canceled; nothing was changed.";
    }
    if (!t.moveTo(TaskState.CANCELED, message, null, clock.instant())) {
      throw new A2aException(
          A2aErrorCode.TASK_NOT_CANCELABLE,
          "task " + t.id + " finished meanwhile and cannot be canceled");
    }
    return Wire.task(t.snapshot(), call.version, null);
  }

  // ---- push notification configs

  private JsonNode pushSet(Call call) {
    requirePush();
    PushWire.Create c = PushWire.create(call.params, call.version, settings.push());
    A2aTask t = tasks.get(c.taskId(), call.caller.name());
    tasks.requireLocal(t, "set its push notification configs");
    PushConfig config = c.config().forTask(t.id);
    if (!t.putPushConfig(config, PushWire.MAX_PER_TASK)) {
      throw A2aException.invalidParams(
          "taskId",
          "task "
              + t.id
              + " holds "
              + PushWire.MAX_PER_TASK
              + " push notification configs, the most a task may hold; delete one first");
    }
    return PushWire.render(t.id, config, call.version);
  }

  private JsonNode pushGet(Call call) {
    requirePush();
    PushWire.Ref ref = PushWire.get(call.params, call.version);
    A2aTask t = tasks.get(ref.taskId(), call.caller.name());
    List<PushConfig> configs = t.pushConfigs();
    for (PushConfig c : configs) {
      if (ref.configId() == null || c.id().equals(ref.configId())) {
        return PushWire.render(t.id, c, call.version);
      }
    }
    throw noConfig(call.version, t, ref.configId());
  }

  private JsonNode pushList(Call call) {
    requirePush();
    A2aTask t = tasks.get(PushWire.list(call.params, call.version), call.caller.name());
    ArrayNode configs = Wire.F.arrayNode();
    t.pushConfigs().forEach(c -> configs.add(PushWire.render(t.id, c, call.version)));
    if (call.version == A2aVersion.V0_3) {
      return configs;
    }
    ObjectNode n = Wire.F.objectNode();
    n.set("configs", configs);
    n.put("nextPageToken", "");
    return n;
  }

  private JsonNode pushDelete(Call call) {
    requirePush();
    PushWire.Ref ref = PushWire.delete(call.params, call.version);
    A2aTask t = tasks.get(ref.taskId(), call.caller.name());
    tasks.requireLocal(t, "delete its push notification configs");
    if (!t.removePushConfig(ref.configId())) {
      throw noConfig(call.version, t, ref.configId());
    }
    return call.version == A2aVersion.V0_3 ? Wire.F.nullNode() : Wire.F.objectNode();
  }

  private void requirePush() {
    if (!settings.push().enabled()) {
      throw PushWire.notSupported();
    }
  }

  private static A2aException noConfig(A2aVersion v, A2aTask t, String configId) {
    String field = v == A2aVersion.V1_0 ? "id" : "pushNotificationConfigId";
    return A2aException.invalidParams(
        configId == null ? "id" : field,
        configId == null
            ? "task " + t.id + " has no push notification config"
            : "task " + t.id + " has no push notification config " + configId);
  }

  private Reply subscribe(Call call) {
    String id = Wire.string(call.params, "id", true);
    A2aTask t = tasks.get(id, call.caller.name());
    Runnable onClose = null;
    if (!tasks.isLocal(t)) {
      // Another server runs it: follow its writes through the store's watch.
      TaskStore.Followed f = tasks.follow(id, call.caller.name());
      t = f.task();
      onClose = f.watch()::close;
    }
    if (t.state().isTerminal()) {
      if (onClose != null) {
        onClose.run();
      }
      throw new A2aException(
          A2aErrorCode.UNSUPPORTED_OPERATION,
          "task " + t.id + " is " + t.state().wire(call.version) + "; read it with GetTask");
    }
    return new TaskStream(call.id, call.version, t, onClose);
  }

  // ---- sending a message

  /**
   * A message to run: its words, or the intent it carries already structured (then words is null).
   */
  private record Inbound(
      A2aTask task,
      String words,
      Intent structured,
      boolean confirm,
      OrchestratorService service,
      Caller caller) {}

  /** Checks a send's params and finds or creates its task; nothing is read yet. */
  private Inbound inbound(Call call) {
    Message m = Wire.inbound(call.params, call.version);
    Intent structured = StructuredIntent.of(m);
    String words = structured == null ? Wire.words(m) : null;
    checkOutputModes(call.params);
    JsonNode configuration = call.params.get("configuration");
    if (configuration != null
        && configuration.isObject()
        && hasValue(
            configuration,
            call.version == A2aVersion.V1_0
                ? "pushNotificationConfig"
                : "taskPushNotificationConfig")) {
      throw A2aException.invalidParams(
          "configuration."
              + (call.version == A2aVersion.V1_0
                  ? "pushNotificationConfig"
                  : "taskPushNotificationConfig"),
          "is not a field in A2A "
              + call.version.wire()
              + "; the push config goes in configuration."
              + (call.version == A2aVersion.V1_0
                  ? "taskPushNotificationConfig"
                  : "pushNotificationConfig"));
    }
    PushWire.Draft push = PushWire.inSend(configuration, call.version, settings.push());
    boolean confirm =
        flag(call.params.path("message"), "metadata", "confirm", false)
            || flag(call.params, "metadata", "confirm", false);
    A2aTask task;
    if (m.taskId() != null) {
      task = tasks.get(m.taskId(), call.caller.name());
      tasks.requireLocal(task, "answer it");
      if (m.contextId() != null && !m.contextId().equals(task.contextId)) {
        throw A2aException.invalidParams(
            "message.contextId",
            "is " + m.contextId() + " but task " + task.id + " is in context " + task.contextId);
      }
      TaskState state = task.state();
      if (state != TaskState.INPUT_REQUIRED) {
        throw new A2aException(
            A2aErrorCode.UNSUPPORTED_OPERATION,
            "task "
                + task.id
                + " is "
                + state.wire(call.version)
                + (state.isTerminal()
                    ? "; send a new message without taskId (same contextId) to go on"
                    : "; it waits for no answer, follow it with SubscribeToTask"));
      }
    } else {
      String context = m.contextId() != null ? m.contextId() : UUID.randomUUID().toString();
      task = tasks.create(context, call.caller.name());
      task.conversation = conversations.get(context);
    }
    task.addHistory(new Message(m.messageId(), false, m.parts(), task.id, task.contextId));
    if (push != null) {
      PushConfig config = push.forTask(task.id);
      if (!task.putPushConfig(config, PushWire.MAX_PER_TASK)) {
        throw A2aException.invalidParams(
            "configuration",
            "task " + task.id + " holds " + PushWire.MAX_PER_TASK + " push notification configs");
      }
      // The receiver learns of the task first, then of each change.
      task.pushAsIs(config);
    }
    return new Inbound(task, words, structured, confirm, call.service, call.caller);
  }

  /** Hands the words to the engine and moves the task by its answer. */
  private void run(Inbound in) {
    A2aTask task = in.task;
    Instant appliedAt = clock.instant();
    IntentResult r;
    try {
      r =
          in.structured != null
              ? engine.handle(in.structured, task.conversation, in.confirm, in.service)
              : engine.handle(
                  new IntentRequest(in.words, task.conversation, false, in.confirm), in.service);
    } catch (AinoException e) {
      TaskState state =
          e.code() == ErrorCode.PERMISSION_DENIED
                  || e.code() == ErrorCode.INVALID_ARGUMENT
                  || e.code() == ErrorCode.OWNED_BY_ANOTHER
              ? TaskState.REJECTED
              : TaskState.FAILED;
      task.moveTo(state, e.getMessage() + "; nothing was changed", null, clock.instant());
      return;
    } catch (RuntimeException e) {
      task.moveTo(TaskState.FAILED, "the intent could not be handled: " + e, null, clock.instant());
      return;
    }
    task.conversation = r.conversation();
    conversations.put(task.contextId, r.conversation());
    task.action = r.action();
    task.workload = r.workload();
    Instant now = clock.instant();
    JsonNode data = Json.tree(r);
    switch (r.outcome()) {
      case ANSWERED -> {
        task.addArtifact(
            new Artifact(
                UUID.randomUUID().toString(),
                "answer",
                List.of(Part.text(r.answer()), Part.data(data))));
        task.moveTo(TaskState.COMPLETED, r.summary(), null, now);
      }
      case PLANNED -> {
        task.addArtifact(
            new Artifact(
                UUID.randomUUID().toString(),
                "plan",
                List.of(Part.text(r.summary()), Part.data(data))));
        task.moveTo(TaskState.COMPLETED, r.summary(), null, now);
      }
      case NEEDS_INPUT -> {
        ObjectNode asked = Wire.F.objectNode();
        r.missing().forEach(asked.putArray("missing")::add);
        task.moveTo(TaskState.INPUT_REQUIRED, r.question(), asked, now);
      }
      case REJECTED -> task.moveTo(TaskState.REJECTED, r.summary(), data, now);
      case APPLIED -> {
        task.applied = r.summary();
        task.moveTo(TaskState.WORKING, r.summary(), null, now);
        if (follows(r)) {
          boolean replacing =
              r.action() == IntentAction.RESTART || (r.plan() != null && r.plan().rollingUpdate());
          new ChangeFollower(
                  task,
                  in.service,
                  r.workload(),
                  replacing,
                  appliedAt,
                  settings,
                  clock,
                  t -> complete(t, r))
              .start(followers);
        } else {
          complete(task, r);
        }
      }
    }
  }

  /** Changes whose effect takes time: the replicas of one workload start, stop or are replaced. */
  private static boolean follows(IntentResult r) {
    IntentAction a = r.action();
    if (r.workload() == null || a == null) {
      return false;
    }
    return a == IntentAction.DEPLOY
        || a == IntentAction.UPDATE
        || a == IntentAction.SCALE
        || a == IntentAction.RESTART
        || a == IntentAction.DELETE;
  }

  private void complete(A2aTask task, IntentResult r) {
    JsonNode result = r.spec() != null ? Json.tree(r.spec()) : Json.tree(r);
    task.addArtifact(
        new Artifact(
            UUID.randomUUID().toString(),
            r.spec() != null ? "workload-spec" : "result",
            List.of(Part.text(r.summary()), Part.data(result))));
    task.moveTo(TaskState.COMPLETED, r.summary(), null, clock.instant());
  }

  private TaskSnapshot awaitInterrupted(A2aTask task) {
    java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
    java.util.function.Consumer<TaskEvent> l =
        e -> {
          if (e.isFinal()) {
            done.countDown();
          }
        };
    TaskSnapshot s = task.subscribe(l);
    try {
      if (!s.state().isInterrupted()) {
        done.await(settings.blockingWait().toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      task.unsubscribe(l);
    }
    return task.snapshot();
  }

  // ---- params

  private static void checkOutputModes(JsonNode params) {
    JsonNode modes = params.path("configuration").path("acceptedOutputModes");
    if (!modes.isArray() || modes.isEmpty()) {
      return;
    }
    for (JsonNode m : modes) {
      String mode = m.asText("");
      if (mode.startsWith(Part.TEXT_PLAIN)
          || mode.startsWith(Part.APPLICATION_JSON)
          || mode.equals("*/*")
          || mode.equals("text/*")) {
        return;
      }
    }
    throw new A2aException(
        A2aErrorCode.CONTENT_TYPE_NOT_SUPPORTED,
        "configuration.acceptedOutputModes "
            + modes
            + " names no mode this agent answers in; accept text/plain or application/json");
  }

  private static boolean hasValue(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v != null && !v.isNull();
  }

  private static boolean flag(JsonNode root, String object, String field, boolean absent) {
    JsonNode o = root.get(object);
    if (o == null || o.isNull()) {
      return absent;
    }
    if (!o.isObject()) {
      throw A2aException.invalidParams(object, "must be an object");
    }
    JsonNode v = o.get(field);
    if (v == null || v.isNull()) {
      return absent;
    }
    if (!v.isBoolean()) {
      throw A2aException.invalidParams(object + "." + field, "must be true or false");
    }
    return v.booleanValue();
  }

  private static Integer nonNegative(JsonNode p, String field) {
    JsonNode v = p.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isIntegralNumber() || !v.canConvertToInt() || v.intValue() < 0) {
      throw A2aException.invalidParams(field, "must be a non-negative integer, got " + v);
    }
    return v.intValue();
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, name + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  @Override
  public void close() {
    followers.shutdownNow();
    streams.shutdownNow();
    if (pusher != null) {
      pusher.close();
    }
    if (ownStore != null) {
      ownStore.close();
    }
  }
}

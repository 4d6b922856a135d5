package dev.aino.mcp;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aino.api.Caller;
import dev.aino.api.ChangeFeed;
import dev.aino.api.InstanceFilter;
import dev.aino.api.OrchestratorService;
import dev.aino.api.PageRequest;
import dev.aino.api.Surface;
import dev.aino.error.AinoException;
import dev.aino.error.ErrorCode;
import dev.aino.intent.IntentEngine;
import dev.aino.mcp.tools.AinoResources;
import dev.aino.mcp.tools.CallerBound;
import dev.aino.mcp.tools.ClusterTools;
import dev.aino.mcp.tools.DirectReads;
import dev.aino.mcp.tools.InstanceTools;
import dev.aino.mcp.tools.IntentTools;
import dev.aino.mcp.tools.LogTools;
import dev.aino.mcp.tools.NetworkTools;
import dev.aino.mcp.tools.NodeTools;
import dev.aino.mcp.tools.ToolAdapter;
import dev.aino.mcp.tools.ToolSpec;
import dev.aino.mcp.tools.Toolset;
import dev.aino.mcp.tools.WorkloadTools;
import dev.aino.model.Instance;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures.SyncCompletionSpecification;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CompleteResult;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * aino's MCP server over one transport: the tools the options allow, the resources with change
 * notifications, the prompts with completion of workload names, and logging. Built for Streamable
 * HTTP ({@link #streamableHttp}, mounted by the host HTTP server at {@link #PATH}) or stdio ({@link
 * #stdio}).
 */
public final class AinoMcpServer implements AutoCloseable {
  /** Where the host HTTP server mounts {@link #servlet()}. */
  public static final String PATH = "/mcp";

  /**
   * The request attribute that holds the tool name of a {@code tools/call} POSTed to {@link #PATH}
   * (as the client wrote it: check it against {@link #toolNames} before using it as a label).
   */
  public static final String TOOL_CALL_ATTRIBUTE = AinoMcpServer.class.getName() + ".toolCall";

  private static final int MAX_COMPLETIONS = 100;

  private final McpSyncServer server;
  private final ResourceUpdates updates;
  private final HttpServlet servlet;

  private AinoMcpServer(McpSyncServer server, ResourceUpdates updates, HttpServlet servlet) {
    this.server = server;
    this.updates = updates;
    this.servlet = servlet;
  }

  /**
   * A server for Streamable HTTP; mount {@link #servlet()} at {@link #PATH} (async supported). The
   * servlet is the SDK's transport behind a {@link McpHttpGate}: JSON-RPC errors for malformed
   * messages and unknown sessions, and the options' session limits.
   *
   * @param authenticator checks each request's Authorization header
   */
  public static AinoMcpServer streamableHttp(
      OrchestratorService service,
      IntentEngine intents,
      ChangeFeed feed,
      McpOptions options,
      McpAuthenticator authenticator) {
    McpJsonMapper jsonMapper = jsonMapper();
    McpRequestGuard guard = new McpRequestGuard(options, authenticator);
    HttpServletStreamableServerTransportProvider transport =
        HttpServletStreamableServerTransportProvider.builder()
            .jsonMapper(jsonMapper)
            .mcpEndpoint(PATH)
            .keepAliveInterval(Duration.ofSeconds(30))
            .securityValidator(guard)
            // The caller of each request, for its tool calls; the guard refused bad tokens first.
            .contextExtractor(request -> callerContext(authenticator, request))
            .maxRequestSize(McpHttpGate.MAX_BODY_BYTES)
            // The gate ends idle sessions for its count; the transport then drops them too.
            .sessionSweepInterval(options.sessionIdleTimeout())
            .build();
    McpServer.StreamableSyncSpecification spec = McpServer.sync(transport);
    // Each call runs on the servlet thread that waits for its answer anyway, not on a second
    // thread the answer is handed back from. (Not on stdio: there one thread reads every message,
    // and a tool waiting for the client's answer to an elicitation would wait for itself.)
    spec.immediateExecution(true);
    List<ToolSpec<?>> tools = tools(service, intents);
    McpSyncServer server = configure(spec, service, tools, options, AinoMcpServer::callerOf);
    // Reads are answered by the gate as one JSON response, without the SDK's event stream.
    DirectReads reads = DirectReads.of(tools, options);
    return new AinoMcpServer(
        server,
        new ResourceUpdates(server, feed),
        new McpHttpGate(transport, options, reads, authenticator, guard, jsonMapper));
  }

  /** A server speaking MCP over the given streams (stdin and stdout of {@code aino mcp}). */
  public static AinoMcpServer stdio(
      OrchestratorService service,
      IntentEngine intents,
      ChangeFeed feed,
      McpOptions options,
      InputStream in,
      OutputStream out) {
    StdioServerTransportProvider transport =
        new StdioServerTransportProvider(jsonMapper(), in, out);
    // On stdio the caller is whoever started the process: this host's user, an admin.
    McpSyncServer server =
        configure(
            McpServer.sync(transport),
            service,
            tools(service, intents),
            options,
            context -> McpAuthenticator.LOCAL);
    return new AinoMcpServer(server, new ResourceUpdates(server, feed), null);
  }

  /**
   * The SDK's JSON mapping on a copy of aino's mapper, so model types encode the same way; its
   * errors encode as JSON-RPC error responses, never as Java exceptions.
   */
  static McpJsonMapper jsonMapper() {
    ObjectMapper mapper = dev.aino.json.Json.mapper().copy();
    mapper.registerModule(JsonRpcErrors.mcpErrorModule());
    // A key given twice (on stdio too) is refused rather than meaning its last value.
    mapper.enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    return new JacksonMcpJsonMapper(mapper);
  }

  private static <S extends McpServer.SyncSpecification<S>> McpSyncServer configure(
      S spec,
      OrchestratorService service,
      List<ToolSpec<?>> tools,
      McpOptions options,
      Function<McpTransportContext, Caller> callerOf) {
    AinoResources resources = new AinoResources(service);
    PromptLibrary prompts = PromptLibrary.load();
    return spec.serverInfo("aino", version())
        .instructions(instructions(options.toolsets()))
        .capabilities(
            McpSchema.ServerCapabilities.builder()
                .tools(false)
                .resources(true, false)
                .prompts(false)
                .completions()
                .logging()
                .build())
        // Arguments are decoded and validated by aino, whose errors name the field path.
        .validateToolInputs(false)
        // The SDK checks each structured result against its output schema: by its record type,
        // not by a walk over every value on every call (tests validate the values).
        .jsonSchemaValidator(new RecordOutputValidator())
        .tools(ToolAdapter.adapt(tools, options, callerOf))
        // Each caller is offered only the tools its role may call (a viewer: the reads).
        .addToolFilter(ToolAdapter.roleFilter(tools, callerOf))
        .resources(resources.resources())
        .resourceTemplates(resources.templates())
        .prompts(prompts.specifications())
        .completions(completions(service, prompts))
        .build();
  }

  /** The transport context key under which a request's caller travels to its tool calls. */
  private static final String CALLER = "aino.caller";

  private static McpTransportContext callerContext(
      McpAuthenticator authenticator, HttpServletRequest request) {
    try {
      Caller caller = authenticator.authenticate(request.getHeader("Authorization"));
      return McpTransportContext.create(Map.of(CALLER, caller.via(Surface.MCP)));
    } catch (AinoException e) {
      // The request guard refuses it; no caller means no tool call either.
      return McpTransportContext.EMPTY;
    }
  }

  private static Caller callerOf(McpTransportContext context) {
    if (context != null && context.get(CALLER) instanceof Caller caller) {
      return caller;
    }
    throw new AinoException(
        ErrorCode.UNAUTHENTICATED, "this MCP request carries no authenticated caller");
  }

  /** How to start, naming only tools that the listed toolsets hold. */
  static String instructions(Set<Toolset> toolsets) {
    StringBuilder sb = new StringBuilder("aino runs containers on a cluster.");
    if (toolsets.contains(Toolset.NODES)) {
      sb.append(" Start with cluster_status.");
    }
    if (toolsets.contains(Toolset.CORE)) {
      sb.append(
          " Declare workloads with schedule_workload (plan_workload first to preview); when"
              + " something is not healthy, diagnose_workload explains why and what to do.");
    }
    if (toolsets.contains(Toolset.INTENTS)) {
      sb.append(" plan_intent and apply_intent take what to do in plain words.");
    }
    return sb.toString();
  }

  /** The name of every tool aino has, listed or not (toolsets, read-only). */
  public static Set<String> toolNames(OrchestratorService service, IntentEngine intents) {
    Set<String> names = new TreeSet<>();
    tools(service, intents).forEach(t -> names.add(t.name()));
    return names;
  }

  static List<ToolSpec<?>> tools(OrchestratorService unscoped, IntentEngine intents) {
    // Every tool's facade call goes to the facade as the call's caller sees it.
    OrchestratorService service = CallerBound.service(unscoped);
    List<ToolSpec<?>> all = new ArrayList<>();
    all.addAll(new WorkloadTools(service).specs());
    all.addAll(new InstanceTools(service).specs());
    all.addAll(new LogTools(service).specs());
    all.addAll(new NodeTools(service).specs());
    all.addAll(new ClusterTools(service).specs());
    all.addAll(new NetworkTools(service).specs());
    all.addAll(new IntentTools(intents).specs());
    return all;
  }

  /**
   * Workload names for the workload template and the prompts' {@code workload} argument, instance
   * ids for the logs template.
   */
  private static List<SyncCompletionSpecification> completions(
      OrchestratorService service, PromptLibrary prompts) {
    List<SyncCompletionSpecification> specs = new ArrayList<>();
    specs.add(
        new SyncCompletionSpecification(
            new McpSchema.ResourceReference(AinoResources.WORKLOAD_TEMPLATE),
            (exchange, request) -> workloadNames(service, request.argument().value())));
    specs.add(
        new SyncCompletionSpecification(
            new McpSchema.ResourceReference(AinoResources.INSTANCE_LOGS_TEMPLATE),
            (exchange, request) -> instanceIds(service, request.argument().value())));
    for (String prompt : prompts.withWorkloadArgument()) {
      specs.add(
          new SyncCompletionSpecification(
              new McpSchema.PromptReference(prompt),
              (exchange, request) ->
                  request.argument().name().equals("workload")
                      ? workloadNames(service, request.argument().value())
                      : new CompleteResult(
                          new CompleteResult.CompleteCompletion(List.of(), 0, false))));
    }
    return specs;
  }

  private static CompleteResult workloadNames(OrchestratorService service, String prefix) {
    return completion(
        service.workloads(PageRequest.first(PageRequest.MAX_LIMIT)).items().stream()
            .map(s -> s.workload().name()),
        prefix);
  }

  private static CompleteResult instanceIds(OrchestratorService service, String prefix) {
    return completion(
        service
            .instances(InstanceFilter.ALL, PageRequest.first(PageRequest.MAX_LIMIT))
            .items()
            .stream()
            .map(Instance::id),
        prefix);
  }

  /** The candidates that start with {@code prefix}, sorted, at most {@value #MAX_COMPLETIONS}. */
  private static CompleteResult completion(Stream<String> candidates, String prefix) {
    String p = prefix == null ? "" : prefix.toLowerCase(Locale.ROOT);
    List<String> names =
        candidates.filter(n -> n.startsWith(p)).sorted().collect(Collectors.toList());
    List<String> shown = names.stream().limit(MAX_COMPLETIONS).collect(Collectors.toList());
    return new CompleteResult(
        new CompleteResult.CompleteCompletion(shown, names.size(), names.size() > shown.size()));
  }

  private static String version() {
    Package p = AinoMcpServer.class.getPackage();
    String v = p == null ? null : p.getImplementationVersion();
    return v == null ? "dev" : v;
  }

  /** The Streamable HTTP servlet; null for stdio. */
  public HttpServlet servlet() {
    return servlet;
  }

  /** The SDK server, for tests and notifications. */
  McpSyncServer sdkServer() {
    return server;
  }

  /** Stops change notifications and closes every session. */
  @Override
  public void close() {
    try {
      updates.close();
    } finally {
      server.closeGracefully();
    }
  }
}

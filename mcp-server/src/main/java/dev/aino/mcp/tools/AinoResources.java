package dev.aino.mcp.tools;

import dev.aino.api.OrchestratorService;
import dev.aino.api.Page;
import dev.aino.api.PageRequest;
import dev.aino.error.AinoException;
import dev.aino.json.Json;
import dev.aino.mcp.ToolErrors;
import dev.aino.mcp.tools.Outputs.WorkloadList;
import dev.aino.mcp.tools.Views.ClusterView;
import dev.aino.mcp.tools.Views.WorkloadView;
import io.modelcontextprotocol.server.McpServerFeatures.SyncResourceSpecification;
import io.modelcontextprotocol.server.McpServerFeatures.SyncResourceTemplateSpecification;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.ReadResourceResult;
import io.modelcontextprotocol.spec.McpSchema.TextResourceContents;
import java.util.List;

/**
 * The MCP resources: {@code aino://cluster}, {@code aino://workloads} and the templates {@code
 * aino://workloads/{name}} and {@code aino://instances/{id}/logs}, as JSON in the same views the
 * tools return.
 */
public final class AinoResources {
  public static final String CLUSTER = "aino://cluster";
  public static final String WORKLOADS = "aino://workloads";
  public static final String WORKLOAD_TEMPLATE = "aino://workloads/{name}";
  public static final String INSTANCE_LOGS_TEMPLATE = "aino://instances/{id}/logs";
  private static final String INSTANCES = "aino://instances/";
  private static final String LOGS = "/logs";

  /**
   * What the logs resource shows: more than the tool's default, as a client reads it, not a model.
   */
  private static final int RESOURCE_TAIL = 200;

  private static final String JSON = "application/json";

  private final OrchestratorService service;
  private final WorkloadTools workloads;
  private final LogTools logs;

  public AinoResources(OrchestratorService service) {
    this.service = service;
    this.workloads = new WorkloadTools(service);
    this.logs = new LogTools(service);
  }

  /** The URI of one workload's resource. */
  public static String workloadUri(String name) {
    return WORKLOADS + "/" + name;
  }

  /** The fixed resources. */
  public List<SyncResourceSpecification> resources() {
    return List.of(
        new SyncResourceSpecification(
            McpSchema.Resource.builder()
                .uri(CLUSTER)
                .name("cluster")
                .title("Cluster status")
                .description("Nodes, free capacity, instances per phase and current problems.")
                .mimeType(JSON)
                .build(),
            (exchange, request) -> json(CLUSTER, ClusterView.of(service.cluster()))),
        new SyncResourceSpecification(
            McpSchema.Resource.builder()
                .uri(WORKLOADS)
                .name("workloads")
                .title("Workloads")
                .description("Every workload with its state and replica counts (first 500).")
                .mimeType(JSON)
                .build(),
            (exchange, request) -> json(WORKLOADS, workloadList())));
  }

  /** The per-workload and per-instance-logs templates. */
  public List<SyncResourceTemplateSpecification> templates() {
    return List.of(
        new SyncResourceTemplateSpecification(
            McpSchema.ResourceTemplate.builder()
                .uriTemplate(WORKLOAD_TEMPLATE)
                .name("workload")
                .title("One workload")
                .description("A workload's state, spec, first instances and latest events.")
                .mimeType(JSON)
                .build(),
            (exchange, request) -> workload(request.uri())),
        new SyncResourceTemplateSpecification(
            McpSchema.ResourceTemplate.builder()
                .uriTemplate(INSTANCE_LOGS_TEMPLATE)
                .name("instance-logs")
                .title("Instance logs")
                .description(
                    "The last "
                        + RESOURCE_TAIL
                        + " lines (up to 256 KiB) an instance's container wrote, with times and"
                        + " streams; get_logs selects others.")
                .mimeType(JSON)
                .build(),
            (exchange, request) -> instanceLogs(request.uri())));
  }

  /** One instance's logs; unknown or unstarted instances are "resource not found". */
  private ReadResourceResult instanceLogs(String uri) {
    if (!uri.startsWith(INSTANCES) || !uri.endsWith(LOGS)) {
      throw McpError.RESOURCE_NOT_FOUND.apply(uri);
    }
    String id = uri.substring(INSTANCES.length(), uri.length() - LOGS.length());
    try {
      return json(
          uri,
          logs.read(new Inputs.LogRequest(id, RESOURCE_TAIL, null, Inputs.LogRequest.MAX_BYTES))
              .structured());
    } catch (AinoException e) {
      throw ToolErrors.forResource(uri, e);
    }
  }

  /**
   * One workload's resource. An unknown name is the protocol's "resource not found" (resources are
   * read by clients, not models, so a protocol error is the right channel here).
   */
  private ReadResourceResult workload(String uri) {
    String name = uri.substring(WORKLOADS.length() + 1);
    try {
      return json(uri, workloads.detail(name).structured());
    } catch (AinoException e) {
      throw ToolErrors.forResource(uri, e);
    }
  }

  private WorkloadList workloadList() {
    Page<WorkloadView> page =
        service.workloads(PageRequest.first(Outputs.MAX_LIMIT)).map(WorkloadView::of);
    return new WorkloadList(page.items(), page.total(), page.nextCursor());
  }

  private static ReadResourceResult json(String uri, Object value) {
    return new ReadResourceResult(
        List.of(
            new TextResourceContents(
                uri,
                JSON,
                new String(Json.encode(value), java.nio.charset.StandardCharsets.UTF_8))));
  }
}

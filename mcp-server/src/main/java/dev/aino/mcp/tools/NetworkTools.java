package dev.aino.mcp.tools;

import dev.aino.api.Endpoint;
import dev.aino.api.OrchestratorService;
import dev.aino.mcp.tools.ToolSpec.Effect;
import dev.aino.mcp.tools.ToolSpec.Reply;
import dev.aino.model.PortBinding;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Tools on where workloads answer: {@code list_endpoints}. In a toolset of its own ({@link
 * Toolset#NETWORK}), outside the default list, since most agents deploy and repair without wiring
 * services to each other.
 */
public final class NetworkTools {
  private final OrchestratorService service;

  public NetworkTools(OrchestratorService service) {
    this.service = service;
  }

  /** The tool specs. */
  public List<ToolSpec<?>> specs() {
    return List.of(
        new ToolSpec<>(
            "list_endpoints",
            "List a workload's endpoints",
            "Where a workload's running instances answer: node, own IP on a bridge (none in host"
                + " mode), whether ready, and each port with the node port that forwards to it.",
            Inputs.WorkloadName.class,
            Endpoint.Items.class,
            Effect.READ,
            Toolset.NETWORK,
            true,
            (ctx, in) -> endpoints(in.name())));
  }

  /**
   * The same answer as {@code GET /api/v1/workloads/{name}/endpoints}, from the same facade call.
   */
  private Reply endpoints(String workload) {
    List<Endpoint> endpoints = service.endpoints(workload);
    String lines = endpoints.stream().map(NetworkTools::describe).collect(Collectors.joining("; "));
    return new Reply(
        new Endpoint.Items(endpoints),
        endpoints.size()
            + " endpoint(s) of "
            + workload
            + (lines.isEmpty() ? ": no instance runs." : ": " + lines + "."));
  }

  /** {@code web-1 on node-a at 10.88.0.5, ready, http 8080 via node port 20001}. */
  static String describe(Endpoint e) {
    StringBuilder sb = new StringBuilder(e.instance()).append(" on ").append(e.node());
    if (e.ip() != null) {
      sb.append(" at ").append(e.ip());
    }
    sb.append(e.ready() ? ", ready" : ", not ready");
    for (PortBinding p : e.ports()) {
      sb.append(", ")
          .append(p.name())
          .append(' ')
          .append(p.containerPort())
          .append(" via node port ")
          .append(p.hostPort());
    }
    return sb.toString();
  }
}

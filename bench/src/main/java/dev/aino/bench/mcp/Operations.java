package dev.aino.bench.mcp;

import dev.aino.api.InstanceFilter;
import dev.aino.api.PageRequest;
import dev.aino.model.InstancePhase;
import java.util.List;
import java.util.Map;

/** The reads the benchmark measures: the lists and the summary an agent asks for first. */
final class Operations {
  /** The default page of MCP list tools and what the REST calls ask for. */
  static final int PAGE = 50;

  private Operations() {}

  /**
   * {@code list_instances} with no arguments, {@code list_instances} of one workload's running
   * instances, {@code cluster_status}, and {@code list_endpoints} of one workload (the same facade
   * call as its REST route).
   */
  static List<Operation> all(String workload) {
    InstanceFilter filtered = new InstanceFilter(workload, null, InstancePhase.RUNNING);
    return List.of(
        new Operation(
            "list_instances",
            "list_instances",
            Map.of(),
            "/api/v1/instances?limit=" + PAGE,
            s -> s.instances(InstanceFilter.ALL, PageRequest.first(PAGE))),
        new Operation(
            "list_instances workload+phase",
            "list_instances",
            Map.of("workload", workload, "phase", "RUNNING"),
            "/api/v1/instances?workload=" + workload + "&phase=RUNNING&limit=" + PAGE,
            s -> s.instances(filtered, PageRequest.first(PAGE))),
        new Operation(
            "cluster_status", "cluster_status", Map.of(), "/api/v1/cluster", s -> s.cluster()),
        new Operation(
            "list_endpoints",
            "list_endpoints",
            Map.of("name", workload),
            "/api/v1/workloads/" + workload + "/endpoints",
            s -> s.endpoints(workload)));
  }
}

package dev.aino.bench.mcp;

import dev.aino.api.InstanceFilter;
import dev.aino.api.PageRequest;
import dev.aino.bench.Args;
import dev.aino.model.InstancePhase;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** The reads the benchmark measures: the lists and the summary an agent asks for first. */
final class Operations {
  /** The default page of MCP list tools and what the REST calls ask for. */
  static final int PAGE = 50;

  private Operations() {}

  /**
   * {@code list_instances} with no arguments, {@code list_instances} of one workload's running
   * instances, {@code get_workload} of one workload (a small answer; the tool adds the workload's
   * first instances and latest events to what {@code GET /api/v1/workloads/{name}} answers), {@code
   * cluster_status}, and {@code list_endpoints} of one workload (the same facade call as its REST
   * route).
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
            "get_workload",
            "get_workload",
            Map.of("name", workload),
            "/api/v1/workloads/" + workload,
            s -> s.workload(workload)),
        new Operation(
            "cluster_status", "cluster_status", Map.of(), "/api/v1/cluster", s -> s.cluster()),
        new Operation(
            "list_endpoints",
            "list_endpoints",
            Map.of("name", workload),
            "/api/v1/workloads/" + workload + "/endpoints",
            s -> s.endpoints(workload)));
  }

  /**
   * The operations whose labels {@code labels} lists (comma-separated), in its order; all of them
   * when it is blank.
   *
   * @throws Args.UsageException naming a label that no operation has
   */
  static List<Operation> named(List<Operation> all, String labels) {
    if (labels.isBlank()) {
      return all;
    }
    return Arrays.stream(labels.split(","))
        .map(String::trim)
        .map(
            label ->
                all.stream()
                    .filter(o -> o.label().equals(label))
                    .findFirst()
                    .orElseThrow(
                        () ->
                            new Args.UsageException(
                                "--operations: no operation is labelled \""
                                    + label
                                    + "\"; the labels: "
                                    + all.stream().map(Operation::label).toList())))
        .toList();
  }
}

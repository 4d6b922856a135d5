package dev.aino.bench.mcp;

import dev.aino.api.InstanceFilter;
import dev.aino.api.PageRequest;
import dev.aino.bench.Args;
import dev.aino.model.InstancePhase;
import dev.aino.model.ObjectRef;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** The reads the benchmark measures: the lists and the summary an agent asks for first. */
final class Operations {
  /** The default page of MCP list tools and what the REST calls ask for. */
  static final int PAGE = 50;

  /** The instances and events {@code get_workload} adds to the workload (its Recent limits). */
  static final int DETAIL_INSTANCES = 20;

  static final int DETAIL_EVENTS = 10;

  private Operations() {}

  /**
   * {@code list_instances} with no arguments, {@code list_instances} of one workload's running
   * instances, {@code get_workload} of one workload (the tool answers the workload with its first
   * instances and latest events, which REST gives in three requests, as {@code aino describe} makes
   * them), {@code cluster_status}, and {@code list_endpoints} of one workload (the same facade call
   * as its REST route).
   */
  static List<Operation> all(String workload) {
    InstanceFilter filtered = new InstanceFilter(workload, null, InstancePhase.RUNNING);
    return List.of(
        new Operation(
            "list_instances",
            "list_instances",
            Map.of(),
            List.of("/api/v1/instances?limit=" + PAGE),
            s -> s.instances(InstanceFilter.ALL, PageRequest.first(PAGE))),
        new Operation(
            "list_instances workload+phase",
            "list_instances",
            Map.of("workload", workload, "phase", "RUNNING"),
            List.of("/api/v1/instances?workload=" + workload + "&phase=RUNNING&limit=" + PAGE),
            s -> s.instances(filtered, PageRequest.first(PAGE))),
        new Operation(
            "get_workload",
            "get_workload",
            Map.of("name", workload),
            List.of(
                "/api/v1/workloads/" + workload,
                "/api/v1/instances?workload=" + workload + "&limit=" + DETAIL_INSTANCES,
                "/api/v1/events?kind=workload&name=" + workload + "&limit=" + DETAIL_EVENTS),
            s ->
                List.of(
                    s.workload(workload),
                    s.instances(
                        InstanceFilter.ofWorkload(workload), PageRequest.first(DETAIL_INSTANCES)),
                    s.events(
                        ObjectRef.workload(workload), null, PageRequest.first(DETAIL_EVENTS)))),
        new Operation(
            "cluster_status",
            "cluster_status",
            Map.of(),
            List.of("/api/v1/cluster"),
            s -> s.cluster()),
        new Operation(
            "list_endpoints",
            "list_endpoints",
            Map.of("name", workload),
            List.of("/api/v1/workloads/" + workload + "/endpoints"),
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

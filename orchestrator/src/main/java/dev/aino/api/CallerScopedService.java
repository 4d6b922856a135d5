package dev.aino.api;

import dev.aino.error.PermissionDeniedException;
import dev.aino.model.Event;
import dev.aino.model.EventType;
import dev.aino.model.Instance;
import dev.aino.model.ObjectRef;
import dev.aino.model.WorkloadSpec;
import dev.aino.runtime.LogQuery;
import dev.aino.runtime.LogSubscription;
import dev.aino.scheduler.FitReport;
import java.util.List;
import java.util.Optional;

/**
 * The facade as one caller sees it: reads pass through, changes are checked against the caller's
 * {@link Role} first and refused, naming the caller and the role, before anything is written. One
 * check here serves every surface, so REST, MCP, A2A and the console cannot disagree on who may do
 * what.
 */
final class CallerScopedService implements OrchestratorService {
  private final OrchestratorService service;
  private final Caller caller;

  CallerScopedService(OrchestratorService service, Caller caller) {
    this.service = service;
    this.caller = caller;
  }

  private void mayChangeWorkloads(String action) {
    if (!caller.role().mayChangeWorkloads()) {
      throw refused(action, "reads only");
    }
  }

  private void mayChangeNodes(String action) {
    if (!caller.role().mayChangeNodes()) {
      throw refused(
          action,
          caller.role().mayChangeWorkloads() ? "may change workloads but not nodes" : "reads only");
    }
  }

  private PermissionDeniedException refused(String action, String what) {
    return new PermissionDeniedException(
        caller.name()
            + " may not "
            + action
            + ": the role "
            + caller.role().id()
            + " "
            + what
            + "; ask an admin, or use a token with a role that may");
  }

  @Override
  public OrchestratorService as(Caller other) {
    return service.as(other);
  }

  @Override
  public OrchestratorService recordingAs(Caller other) {
    return service.recordingAs(other);
  }

  @Override
  public ApplyResult apply(String name, WorkloadSpec spec, ChangeOptions options) {
    mayChangeWorkloads("apply workload " + name);
    return service.apply(name, spec, options);
  }

  @Override
  public WorkloadStatus scale(String name, int replicas, ChangeOptions options) {
    mayChangeWorkloads("scale workload " + name);
    return service.scale(name, replicas, options);
  }

  @Override
  public WorkloadStatus delete(String name, ChangeOptions options) {
    mayChangeWorkloads("delete workload " + name);
    return service.delete(name, options);
  }

  @Override
  public Instance restartInstance(String id) {
    mayChangeWorkloads("restart instance " + id);
    return service.restartInstance(id);
  }

  @Override
  public NodeSummary cordon(String node) {
    mayChangeNodes("cordon node " + node);
    return service.cordon(node);
  }

  @Override
  public NodeSummary uncordon(String node) {
    mayChangeNodes("uncordon node " + node);
    return service.uncordon(node);
  }

  @Override
  public DrainResult drain(String node) {
    mayChangeNodes("drain node " + node);
    return service.drain(node);
  }

  @Override
  public WorkloadStatus workload(String name) {
    return service.workload(name);
  }

  @Override
  public Page<WorkloadStatus> workloads(PageRequest page) {
    return service.workloads(page);
  }

  @Override
  public Page<Instance> instances(InstanceFilter filter, PageRequest page) {
    return service.instances(filter, page);
  }

  @Override
  public List<Instance> instances(InstanceFilter filter) {
    return service.instances(filter);
  }

  @Override
  public Instance instance(String id) {
    return service.instance(id);
  }

  @Override
  public InstanceLogs logs(String id, LogQuery query) {
    return service.logs(id, query);
  }

  @Override
  public InstanceUsage stats(String id) {
    return service.stats(id);
  }

  @Override
  public LogSubscription followLogs(String id, LogQuery backlog, InstanceLogListener listener) {
    return service.followLogs(id, backlog, listener);
  }

  @Override
  public Page<NodeSummary> nodes(PageRequest page) {
    return service.nodes(page);
  }

  @Override
  public NodeSummary node(String name) {
    return service.node(name);
  }

  @Override
  public ClusterSummary cluster() {
    return service.cluster();
  }

  @Override
  public List<Event> events(ObjectRef object) {
    return service.events(object);
  }

  @Override
  public Page<Event> events(ObjectRef object, EventType type, String by, PageRequest page) {
    return service.events(object, type, by, page);
  }

  @Override
  public Optional<FitReport> pendingFit(String workload) {
    return service.pendingFit(workload);
  }

  @Override
  public PlanResult plan(String name, WorkloadSpec spec) {
    return service.plan(name, spec);
  }
}

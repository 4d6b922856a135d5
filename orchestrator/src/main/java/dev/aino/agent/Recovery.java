package dev.aino.agent;

import dev.aino.error.AinoException;
import dev.aino.model.Instance;
import dev.aino.model.InstancePhase;
import dev.aino.runtime.ContainerHandle;
import dev.aino.runtime.ContainerState;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What an agent does before it syncs anything after a (re)start: re-attaches to the containers its
 * instances record, so running ones are adopted rather than started twice, and removes every other
 * container the runtime has on this node (orphans: their instance was deleted, moved, ended or
 * never recorded them while the agent was away).
 */
final class Recovery {
  private static final Logger LOG = LoggerFactory.getLogger(Recovery.class);

  private final AgentContext ctx;

  Recovery(AgentContext ctx) {
    this.ctx = ctx;
  }

  void run(List<Instance> instances) {
    Map<String, Instance> byId = new HashMap<>();
    for (Instance instance : instances) {
      byId.put(instance.id(), instance);
      if (ctx.nodeName().equals(instance.node()) && instance.containerId() != null) {
        adopt(instance);
      }
    }
    for (ContainerHandle handle : ctx.runtime().list()) {
      if (!handle.equals(ctx.containers().current(handle.instanceId()))) {
        removeOrphan(handle, byId.get(handle.instanceId()));
      }
    }
  }

  private void adopt(Instance instance) {
    Optional<ContainerHandle> handle = ctx.runtime().recover(instance.id(), instance.containerId());
    if (handle.isEmpty()) {
      return; // gone while the agent was away: the sync handles that as an exit
    }
    ctx.containers().setCurrent(handle.get());
    boolean live = !instance.phase().isTerminal();
    if (live && ctx.runtime().inspect(handle.get()).state() == ContainerState.RUNNING) {
      ctx.events()
          .instance(
              instance.id(),
              "Adopted",
              "re-attached to running container "
                  + instance.containerId()
                  + " after the agent restarted");
    }
  }

  private void removeOrphan(ContainerHandle handle, Instance instance) {
    String why = orphanReason(handle, instance);
    LOG.info("{}: removing orphan {}: {}", ctx.nodeName(), handle, why);
    try {
      ctx.runtime().stop(handle, ctx.stopGraceOf(handle.instanceId()));
      ctx.runtime().destroy(handle);
    } catch (AinoException e) {
      LOG.warn("{}: could not remove orphan {}: {}", ctx.nodeName(), handle, e.getMessage());
      return;
    }
    ctx.events()
        .instanceWarning(
            handle.instanceId(),
            "OrphanRemoved",
            "removed container "
                + handle.containerId()
                + " left on node "
                + ctx.nodeName()
                + ": "
                + why);
  }

  private String orphanReason(ContainerHandle handle, Instance instance) {
    if (instance == null) {
      return "its instance no longer exists or is not placed on this node";
    }
    if (!ctx.nodeName().equals(instance.node())) {
      return "its instance is placed on " + (instance.node() == null ? "no node" : instance.node());
    }
    if (instance.phase() == InstancePhase.LOST || instance.phase() == InstancePhase.TERMINATED) {
      return "its instance is " + instance.phase();
    }
    if (instance.containerId() == null) {
      return "its instance records no container (the agent stopped before recording it)";
    }
    return "its instance records container " + instance.containerId() + " instead";
  }
}

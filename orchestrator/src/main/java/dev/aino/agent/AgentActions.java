package dev.aino.agent;

import dev.aino.error.AinoException;
import dev.aino.error.ConflictException;
import dev.aino.error.NotFoundException;
import dev.aino.model.Instance;
import dev.aino.runtime.ContainerHandle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The two side effects every part of a sync needs: writing an instance by compare-and-swap (a lost
 * race queues the instance to be synced again) and removing a container for good.
 */
final class AgentActions {
  private static final Logger LOG = LoggerFactory.getLogger(AgentActions.class);

  private final AgentContext ctx;
  private final AssignedInstances assigned;

  AgentActions(AgentContext ctx, AssignedInstances assigned) {
    this.ctx = ctx;
    this.assigned = assigned;
  }

  /** Stops and destroys a container; one that resists is kept as a leftover to retry. */
  void remove(ContainerHandle handle, String why) {
    LOG.debug("{}: removing {}: {}", ctx.nodeName(), handle, why);
    try {
      ctx.runtime().stop(handle, ctx.stopGraceOf(handle.instanceId()));
      ctx.runtime().destroy(handle);
      if (handle.equals(ctx.containers().current(handle.instanceId()))) {
        ctx.containers().forgetCurrent(handle.instanceId());
      }
    } catch (AinoException e) {
      LOG.warn("{}: could not remove {}: {}", ctx.nodeName(), handle, e.getMessage());
      ctx.containers().addLeftover(handle);
    }
  }

  /** Retries the removal of a leftover container; throws (so the sync retries) while it fails. */
  void removeLeftover(String id) {
    ContainerHandle leftover = ctx.containers().leftover(id);
    if (leftover != null) {
      ctx.runtime().stop(leftover, ctx.stopGraceOf(leftover.instanceId()));
      ctx.runtime().destroy(leftover);
      ctx.containers().forgetLeftover(id);
    }
  }

  /**
   * Writes {@code next} if the instance is unchanged since it was read, and keeps what it wrote as
   * the agent's copy; else syncs again. Only a lost race reads the instance back from the store
   * (its newer copy may not have come through the feed yet), so the next sync decides on it rather
   * than losing the race again.
   */
  Instance write(Instance next) {
    try {
      Instance written = ctx.api().updateInstance(next);
      assigned.offer(written);
      return written;
    } catch (ConflictException | NotFoundException e) {
      LOG.debug("{}: {}; syncing again", ctx.nodeName(), e.getMessage());
      NodeApi.InstanceRead newer = ctx.api().instance(next.id());
      if (newer.current().isPresent()) {
        assigned.offer(newer.instance());
      } else {
        assigned.deleted(next.id(), newer.revision());
      }
      ctx.queue().add(next.id());
      return null;
    }
  }
}

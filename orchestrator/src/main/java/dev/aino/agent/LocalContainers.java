package dev.aino.agent;

import dev.aino.runtime.ContainerHandle;
import dev.aino.runtime.LogLine;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The containers this agent holds, by instance id: the current one of each instance (which may not
 * be recorded in the store yet, when the write after its start lost a race), leftovers whose
 * removal failed and must be retried before the instance gets a new container, and the last lines
 * of a container that ended and was removed while its instance waits to restart.
 */
final class LocalContainers {
  private final ConcurrentHashMap<String, ContainerHandle> current = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, ContainerHandle> leftovers = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, LastRun> lastRuns = new ConcurrentHashMap<>();

  /**
   * The end of a removed container's output, kept while its instance waits in back-off: the lines
   * that say why it crashed.
   *
   * @param containerId the removed container
   * @param lines its last lines, oldest first
   */
  record LastRun(String containerId, List<LogLine> lines) {}

  ContainerHandle current(String instanceId) {
    return current.get(instanceId);
  }

  /** The current container of every instance that has one. */
  List<ContainerHandle> currents() {
    return List.copyOf(current.values());
  }

  void setCurrent(ContainerHandle handle) {
    current.put(handle.instanceId(), handle);
    lastRuns.remove(handle.instanceId()); // the new run's own output is readable now
  }

  void rememberLastRun(String instanceId, LastRun run) {
    lastRuns.put(instanceId, run);
  }

  LastRun lastRun(String instanceId) {
    return lastRuns.get(instanceId);
  }

  void forgetLastRun(String instanceId) {
    lastRuns.remove(instanceId);
  }

  void forgetCurrent(String instanceId) {
    current.remove(instanceId);
  }

  void addLeftover(ContainerHandle handle) {
    current.remove(handle.instanceId(), handle);
    leftovers.put(handle.instanceId(), handle);
  }

  ContainerHandle leftover(String instanceId) {
    return leftovers.get(instanceId);
  }

  void forgetLeftover(String instanceId) {
    leftovers.remove(instanceId);
  }

  boolean holdsAny(String instanceId) {
    return current.containsKey(instanceId) || leftovers.containsKey(instanceId);
  }

  /** Every instance id that has a current container or a leftover. */
  Set<String> instanceIds() {
    Set<String> ids = new HashSet<>(current.keySet());
    ids.addAll(leftovers.keySet());
    return ids;
  }
}

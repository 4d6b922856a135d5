package dev.aino.agent;

import dev.aino.runtime.ContainerHandle;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The containers this agent holds, by instance id: the current one of each instance (which may not
 * be recorded in the store yet, when the write after its start lost a race), and leftovers whose
 * removal failed and must be retried before the instance gets a new container.
 */
final class LocalContainers {
  private final ConcurrentHashMap<String, ContainerHandle> current = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, ContainerHandle> leftovers = new ConcurrentHashMap<>();

  ContainerHandle current(String instanceId) {
    return current.get(instanceId);
  }

  void setCurrent(ContainerHandle handle) {
    current.put(handle.instanceId(), handle);
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

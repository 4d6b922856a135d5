package dev.aino.agent;

import dev.aino.model.Instance;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The agent's copy of its node's instances, as its feed delivered them and as its own writes left
 * them, so that a sync reads the instance it was handed instead of asking the store again. Each id
 * keeps the newest revision seen: a copy older than one already held (a write's result arriving
 * after the feed delivered a later change, or a delete) never replaces it.
 */
final class AssignedInstances {
  private static final int MAX_GONE = 10_000;

  /** Id -> newest copy on this node. */
  private final Map<String, Instance> current = new HashMap<>();

  /**
   * Id -> revision at which it was deleted or left this node, the most recent {@value #MAX_GONE}:
   * enough to refuse a write's result that arrives just after the delete.
   */
  private final Map<String, Long> gone =
      new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
          return size() > MAX_GONE;
        }
      };

  private final String nodeName;

  AssignedInstances(String nodeName) {
    this.nodeName = nodeName;
  }

  /**
   * Takes a delivered or written copy unless a newer one is held.
   *
   * @return true when the copy was taken
   */
  synchronized boolean offer(Instance instance) {
    String id = instance.id();
    Instance held = current.get(id);
    Long goneAt = gone.get(id);
    if ((held != null && held.revision() >= instance.revision())
        || (goneAt != null && goneAt >= instance.revision())) {
      return false;
    }
    if (nodeName.equals(instance.node())) {
      current.put(id, instance);
      gone.remove(id);
    } else {
      current.remove(id);
      gone.put(id, instance.revision());
    }
    return true;
  }

  /** The instance was deleted at {@code revision}. */
  synchronized void deleted(String id, long revision) {
    Instance held = current.get(id);
    if (held == null || held.revision() < revision) {
      current.remove(id);
      gone.merge(id, revision, Math::max);
    }
  }

  /**
   * Replaces everything with a full list of the node's instances: ids missing from it were deleted
   * or moved meanwhile.
   *
   * @return the ids held before that the list no longer has
   */
  synchronized Set<String> replaceAll(Collection<Instance> listed) {
    Set<String> missing = new HashSet<>(current.keySet());
    current.clear();
    gone.clear();
    for (Instance instance : listed) {
      if (nodeName.equals(instance.node())) {
        current.put(instance.id(), instance);
        missing.remove(instance.id());
      }
    }
    return missing;
  }

  /** The newest copy of an instance placed on this node; empty once it is deleted or moved. */
  synchronized Optional<Instance> get(String id) {
    return Optional.ofNullable(current.get(id));
  }

  synchronized boolean contains(String id) {
    return current.containsKey(id);
  }

  synchronized List<String> ids() {
    return List.copyOf(current.keySet());
  }

  synchronized List<Instance> all() {
    return List.copyOf(current.values());
  }
}

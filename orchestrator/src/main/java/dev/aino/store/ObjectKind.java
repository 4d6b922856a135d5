package dev.aino.store;

import dev.aino.model.AgentTask;
import dev.aino.model.Event;
import dev.aino.model.Instance;
import dev.aino.model.Node;
import dev.aino.model.StoredObject;
import dev.aino.model.Workload;
import java.util.List;

/**
 * A kind of stored object: its type and the key prefix its objects live under ({@code
 * workloads/web}, {@code instances/web/web-7f3k2}). Backends add their own root (etcd: {@code
 * /aino/v1/}).
 *
 * @param <T> the record type
 */
public final class ObjectKind<T extends StoredObject<T>> {
  public static final ObjectKind<Node> NODES = new ObjectKind<>("nodes", "node", Node.class);
  public static final ObjectKind<Workload> WORKLOADS =
      new ObjectKind<>("workloads", "workload", Workload.class);
  public static final ObjectKind<Instance> INSTANCES =
      new ObjectKind<>("instances", "instance", Instance.class);
  public static final ObjectKind<Event> EVENTS = new ObjectKind<>("events", "event", Event.class);

  /** Tasks of the A2A agent, which outlive a restart of the server. */
  public static final ObjectKind<AgentTask> AGENT_TASKS =
      new ObjectKind<>("agenttasks", "agent task", AgentTask.class);

  private static final List<ObjectKind<?>> ALL =
      List.of(NODES, WORKLOADS, INSTANCES, EVENTS, AGENT_TASKS);

  private final String plural;
  private final String singular;
  private final Class<T> type;

  private ObjectKind(String plural, String singular, Class<T> type) {
    this.plural = plural;
    this.singular = singular;
    this.type = type;
  }

  public static List<ObjectKind<?>> all() {
    return ALL;
  }

  /** The kind whose objects are of {@code type}. */
  @SuppressWarnings("unchecked")
  public static <T extends StoredObject<T>> ObjectKind<T> of(Class<?> type) {
    for (ObjectKind<?> kind : ALL) {
      if (kind.type == type) {
        return (ObjectKind<T>) kind;
      }
    }
    throw new IllegalArgumentException("not a stored type: " + type.getName());
  }

  /** The kind whose key prefix {@code fullKey} starts with, or null. */
  public static ObjectKind<?> ofKey(String fullKey) {
    for (ObjectKind<?> kind : ALL) {
      if (fullKey.startsWith(kind.prefix())) {
        return kind;
      }
    }
    return null;
  }

  /** e.g. {@code workloads} */
  public String plural() {
    return plural;
  }

  /** e.g. {@code workload}, as used in messages and event object references */
  public String singular() {
    return singular;
  }

  public Class<T> type() {
    return type;
  }

  /** {@code <plural>/} */
  public String prefix() {
    return plural + "/";
  }

  /** The full key of an object of this kind. */
  public String keyOf(String storeKey) {
    return prefix() + storeKey;
  }

  @Override
  public String toString() {
    return plural;
  }
}

package dev.aino.server;

import dev.aino.error.AinoException;
import dev.aino.model.EventType;
import dev.aino.model.ObjectRef;
import dev.aino.store.StateStore;
import dev.aino.store.etcd.EtcdLeaderElection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records this server's gains and losses of the leadership as events on its node, so that {@code
 * aino events} answers "which server was the control plane, and since when".
 */
final class LeadershipEvents implements EtcdLeaderElection.Listener {
  private static final Logger LOG = LoggerFactory.getLogger(LeadershipEvents.class);

  private final StateStore store;
  private final String node;

  LeadershipEvents(StateStore store, String node) {
    this.store = store;
    this.node = node;
  }

  @Override
  public void elected(long term) {
    record(
        EventType.NORMAL, "LeaderElected", node + " leads the control plane (term " + term + ")");
  }

  @Override
  public void deposed(long term, String reason) {
    record(
        EventType.WARNING,
        "LeadershipLost",
        node + " no longer leads the control plane (term " + term + "): " + reason);
  }

  private void record(EventType type, String reason, String message) {
    try {
      store.recordEvent(ObjectRef.node(node), type, reason, message);
    } catch (AinoException e) {
      // etcd may be what cost the leadership; the election's log line says it all the same.
      LOG.debug("could not record {}: {}", reason, e.getMessage());
    }
  }
}

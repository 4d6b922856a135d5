package dev.aino.server;

import dev.aino.error.ValidationException;
import dev.aino.model.Validate;
import java.time.Duration;
import java.util.List;

/**
 * The SWIM gossip group among the servers of a cluster on one etcd: where this server listens and
 * which members it joins through. Gossip is signed with a key derived from the cluster token.
 *
 * @param port the gossip port (TCP); the default is the HTTP port + 1
 * @param seeds {@code host:port} of other servers' gossip ports; empty for the first server
 * @param nodeLostGrace how long a node the group calls dead stays DOWN before its instances are
 *     replaced, once its heartbeat has expired too; null for {@link #DEFAULT_NODE_LOST_GRACE}
 */
public record GossipSettings(int port, List<String> seeds, Duration nodeLostGrace) {
  public static final Duration DEFAULT_NODE_LOST_GRACE = Duration.ofSeconds(10);

  public GossipSettings {
    Validate.range("--gossip-port", port, 1, 65535);
    seeds = List.copyOf(seeds == null ? List.of() : seeds);
    for (String seed : seeds) {
      HostPort.validate("--gossip-seed", seed);
    }
    nodeLostGrace = nodeLostGrace == null ? DEFAULT_NODE_LOST_GRACE : nodeLostGrace;
    if (nodeLostGrace.isNegative() || nodeLostGrace.isZero()) {
      throw new ValidationException("--node-lost-grace", "must be > 0, got " + nodeLostGrace);
    }
  }
}

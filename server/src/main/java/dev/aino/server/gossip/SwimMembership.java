package dev.aino.server.gossip;

import dev.aino.error.UnavailableException;
import dev.aino.model.Validate;
import dev.aino.reconcile.MemberState;
import dev.aino.reconcile.MemberState.Liveness;
import dev.aino.reconcile.MemberView;
import io.scalecube.cluster.Cluster;
import io.scalecube.cluster.ClusterImpl;
import io.scalecube.cluster.ClusterMessageHandler;
import io.scalecube.cluster.membership.MembershipEvent;
import io.scalecube.cluster.metadata.MetadataCodec;
import io.scalecube.transport.netty.tcp.TcpTransportFactory;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This server's member of the cluster's SWIM group (scalecube-cluster over TCP), seen by the
 * control loop as a {@link MemberView}: a node whose member was added is ALIVE, one the group
 * removed (failed to answer direct and indirect probes, then did not refute the suspicion) or that
 * is leaving is DEAD. scalecube reports no event for the suspicion itself, so this view never says
 * SUSPECT; heartbeats still do.
 *
 * <p>Members are matched to nodes by the node name in their metadata, which must verify with the
 * key derived from the cluster token ({@link GossipKey}); any other member is ignored.
 *
 * <p>Timing ({@link SwimTiming#AINO_UP}): a probe every 400 ms with a 300 ms timeout and a
 * suspicion multiplier of 3, so a crashed member of a group of 3 is removed about 3 s after it
 * stopped answering (scalecube's suspicion timeout is multiplier x ceil(log2(members)) x ping
 * interval), and a larger group takes a little longer.
 */
public final class SwimMembership implements MemberView, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SwimMembership.class);

  private static final String NAMESPACE = "aino";

  private final GossipKey key;
  private final Clock clock;
  private final String self;

  /** Verified members: scalecube member id to node name. */
  private final ConcurrentMap<String, String> nodeByMember = new ConcurrentHashMap<>();

  private final ConcurrentMap<String, MemberState> stateByNode = new ConcurrentHashMap<>();

  /** Set once the member has started; events may arrive just before. */
  private volatile ClusterImpl cluster;

  private SwimMembership(GossipKey key, Clock clock, String self) {
    this.key = key;
    this.clock = clock;
    this.self = self;
  }

  /**
   * Joins the group.
   *
   * @param node this server's node name, announced in signed metadata
   * @param host the address other members reach this one at
   * @param port the gossip port to listen on; 0 picks a free one
   * @param seeds {@code host:port} of members to join through; empty to start a group
   * @param token the cluster token the gossip key is derived from
   */
  public static SwimMembership join(
      String node, String host, int port, List<String> seeds, String token, Clock clock) {
    return join(node, host, port, seeds, token, clock, SwimTiming.AINO_UP);
  }

  /** Joins the group with other probe timing than {@code aino up}'s, as the benchmark does. */
  public static SwimMembership join(
      String node,
      String host,
      int port,
      List<String> seeds,
      String token,
      Clock clock,
      SwimTiming timing) {
    Validate.dnsLabel("node", node);
    Validate.nonBlank("host", host);
    Validate.range("port", port, 0, 65535);
    GossipKey key = new GossipKey(token);
    SwimMembership membership = new SwimMembership(key, clock, node);
    // startAwait returns the started member, a different object from the builder.
    Cluster started;
    try {
      started =
          new ClusterImpl()
              .config(
                  c ->
                      c.memberAlias(node)
                          .externalHost(host)
                          .metadataCodec(new TextCodec())
                          .metadata(key.sign(node)))
              .membership(
                  m ->
                      m.seedMembers(List.copyOf(seeds))
                          .namespace(NAMESPACE)
                          .suspicionMult(timing.suspicionMult()))
              .failureDetector(
                  f ->
                      f.pingInterval((int) timing.pingInterval().toMillis())
                          .pingTimeout((int) timing.pingTimeout().toMillis())
                          .pingReqMembers(2))
              .transport(t -> t.port(port))
              .transportFactory(TcpTransportFactory::new)
              .handler(
                  c ->
                      new ClusterMessageHandler() {
                        @Override
                        public void onMembershipEvent(MembershipEvent event) {
                          membership.onEvent(event);
                        }
                      })
              .startAwait();
    } catch (RuntimeException e) {
      throw new UnavailableException(
          "cannot join the gossip group on port " + port + ": " + rootCause(e), e);
    }
    membership.cluster = (ClusterImpl) started;
    ClusterImpl cluster = membership.cluster;
    LOG.info(
        "gossip member {} of node {} listening on {}",
        cluster.member().id(),
        node,
        address(cluster));
    return membership;
  }

  /** The {@code host:port} this member listens on, for others to use as a seed. */
  public String address() {
    return address(cluster);
  }

  private static String address(Cluster cluster) {
    return cluster.member().address();
  }

  @Override
  public Optional<MemberState> state(String node) {
    return Optional.ofNullable(stateByNode.get(node));
  }

  /** Node names of the verified members seen alive now, this one excluded. */
  public java.util.Set<String> aliveNodes() {
    java.util.Set<String> alive = new java.util.TreeSet<>();
    stateByNode.forEach(
        (node, s) -> {
          if (s.liveness() == Liveness.ALIVE) {
            alive.add(node);
          }
        });
    return alive;
  }

  /** Members of the group as scalecube sees them, verified or not, this one included. */
  int groupSize() {
    return cluster.members().size();
  }

  private void onEvent(MembershipEvent event) {
    String member = event.member().id();
    switch (event.type()) {
      case ADDED, UPDATED -> {
        Optional<String> node = key.verify(text(event.newMetadata()));
        if (node.isEmpty() || node.get().equals(self)) {
          nodeByMember.remove(member);
          LOG.warn(
              "ignoring gossip member {} at {}: {}",
              member,
              event.member().address(),
              node.isEmpty()
                  ? "its metadata does not verify with the cluster token"
                  : "it claims this server's node name");
          return;
        }
        nodeByMember.put(member, node.get());
        mark(node.get(), Liveness.ALIVE);
      }
      case LEAVING, REMOVED -> {
        String node =
            event.type() == MembershipEvent.Type.REMOVED
                ? nodeByMember.remove(member)
                : nodeByMember.get(member);
        if (node == null) {
          return; // a member we ignored
        }
        if (event.type() == MembershipEvent.Type.REMOVED && nodeByMember.containsValue(node)) {
          return; // the node restarted: its new member is alive
        }
        mark(node, Liveness.DEAD);
      }
    }
  }

  private void mark(String node, Liveness liveness) {
    MemberState previous = stateByNode.get(node);
    if (previous != null && previous.liveness() == liveness) {
      return;
    }
    stateByNode.put(node, new MemberState(liveness, clock.instant()));
    LOG.info("gossip: node {} is {}", node, liveness);
  }

  /**
   * Stops answering probes without announcing a departure, as a crashed server would: the others
   * remove this member after the suspicion timeout. For tests and the benchmarks ({@code bench
   * swim}), which live in other packages.
   */
  public void crash() {
    cluster.transport().stop().block(Duration.ofSeconds(5));
  }

  /** Leaves the group: the others see this node as leaving at once. */
  @Override
  public void close() {
    cluster.shutdown();
    try {
      cluster.onShutdown().block(Duration.ofSeconds(5));
    } catch (RuntimeException e) {
      // Leaving is best effort: the others remove a member that stopped answering anyway.
      LOG.debug("gossip member did not shut down cleanly", e);
    }
  }

  private static String rootCause(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
  }

  private static String text(ByteBuffer buffer) {
    if (buffer == null) {
      return null;
    }
    ByteBuffer copy = buffer.duplicate();
    byte[] bytes = new byte[copy.remaining()];
    copy.get(bytes);
    return new String(bytes, StandardCharsets.UTF_8);
  }

  /** Metadata is the signed text of {@link GossipKey#sign}, sent as UTF-8. */
  private static final class TextCodec implements MetadataCodec {
    @Override
    public Object deserialize(ByteBuffer buffer) {
      return text(buffer);
    }

    @Override
    public ByteBuffer serialize(Object metadata) {
      return ByteBuffer.wrap(String.valueOf(metadata).getBytes(StandardCharsets.UTF_8));
    }
  }
}

package dev.aino.reconcile;

import dev.aino.error.ValidationException;
import dev.aino.model.Validate;
import java.time.Duration;

/**
 * Tuning of the control loop.
 *
 * @param workers reconcile worker threads
 * @param resyncInterval how often every workload is reconciled even without a change
 * @param baseBackoff first retry delay of a failed reconcile (doubles up to maxBackoff)
 * @param maxBackoff retry delay cap
 * @param lifecycleInterval how often node heartbeats are checked
 * @param nodeSuspectAfter heartbeat age that makes a node SUSPECT
 * @param nodeDownAfter heartbeat age that makes a node DOWN
 * @param nodeLostAfter heartbeat age after which a node's instances are replaced
 * @param nodeLostGrace how long a node the gossip group calls dead stays DOWN before its instances
 *     are replaced, provided its heartbeat has expired (reached {@code nodeDownAfter}) too
 * @param seed seed of instance ids and scheduler tie-breaking (reproducible runs)
 */
public record ControllerConfig(
    int workers,
    Duration resyncInterval,
    Duration baseBackoff,
    Duration maxBackoff,
    Duration lifecycleInterval,
    Duration nodeSuspectAfter,
    Duration nodeDownAfter,
    Duration nodeLostAfter,
    Duration nodeLostGrace,
    long seed) {

  public ControllerConfig {
    Validate.range("workers", workers, 1, 256);
    positive("resyncInterval", resyncInterval);
    positive("baseBackoff", baseBackoff);
    positive("maxBackoff", maxBackoff);
    positive("lifecycleInterval", lifecycleInterval);
    positive("nodeSuspectAfter", nodeSuspectAfter);
    positive("nodeDownAfter", nodeDownAfter);
    positive("nodeLostAfter", nodeLostAfter);
    positive("nodeLostGrace", nodeLostGrace);
    if (nodeDownAfter.compareTo(nodeSuspectAfter) < 0) {
      throw new ValidationException("nodeDownAfter", "must be >= nodeSuspectAfter");
    }
    if (nodeLostAfter.compareTo(nodeDownAfter) < 0) {
      throw new ValidationException("nodeLostAfter", "must be >= nodeDownAfter");
    }
  }

  /**
   * Production defaults: 2 workers, resync every 30 s, backoff 5 ms to 30 s, a node is suspect
   * after 15 s without heartbeat, down after 40 s (Kubernetes' node-monitor-grace-period), and its
   * instances are replaced after 60 s; a node the gossip group calls dead has its instances
   * replaced 10 s after that, once its heartbeat has expired too.
   */
  public static ControllerConfig defaults() {
    return new ControllerConfig(
        2,
        Duration.ofSeconds(30),
        Duration.ofMillis(5),
        Duration.ofSeconds(30),
        Duration.ofSeconds(1),
        Duration.ofSeconds(15),
        Duration.ofSeconds(40),
        Duration.ofSeconds(60),
        Duration.ofSeconds(10),
        System.nanoTime());
  }

  public ControllerConfig withNodeTimeouts(
      Duration lifecycleInterval, Duration suspect, Duration down, Duration lost) {
    return new ControllerConfig(
        workers,
        resyncInterval,
        baseBackoff,
        maxBackoff,
        lifecycleInterval,
        suspect,
        down,
        lost,
        nodeLostGrace,
        seed);
  }

  public ControllerConfig withNodeLostGrace(Duration nodeLostGrace) {
    return new ControllerConfig(
        workers,
        resyncInterval,
        baseBackoff,
        maxBackoff,
        lifecycleInterval,
        nodeSuspectAfter,
        nodeDownAfter,
        nodeLostAfter,
        nodeLostGrace,
        seed);
  }

  public ControllerConfig withSeed(long seed) {
    return new ControllerConfig(
        workers,
        resyncInterval,
        baseBackoff,
        maxBackoff,
        lifecycleInterval,
        nodeSuspectAfter,
        nodeDownAfter,
        nodeLostAfter,
        nodeLostGrace,
        seed);
  }

  public ControllerConfig withWorkers(int workers) {
    return new ControllerConfig(
        workers,
        resyncInterval,
        baseBackoff,
        maxBackoff,
        lifecycleInterval,
        nodeSuspectAfter,
        nodeDownAfter,
        nodeLostAfter,
        nodeLostGrace,
        seed);
  }

  public ControllerConfig withResync(Duration resyncInterval) {
    return new ControllerConfig(
        workers,
        resyncInterval,
        baseBackoff,
        maxBackoff,
        lifecycleInterval,
        nodeSuspectAfter,
        nodeDownAfter,
        nodeLostAfter,
        nodeLostGrace,
        seed);
  }

  private static void positive(String field, Duration d) {
    Validate.required(field, d);
    if (d.isNegative() || d.isZero()) {
      throw new ValidationException(field, "must be > 0, got " + d);
    }
  }
}

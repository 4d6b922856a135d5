package dev.aino.reconcile;

import java.time.Duration;

/**
 * Brings one key's actual state towards its desired state. Level-triggered: it is given only the
 * key, reads what is current, and running it again when nothing changed writes nothing. A thrown
 * exception retries the key with exponential backoff.
 *
 * @param <K> key type
 */
@FunctionalInterface
public interface Reconciler<K> {
  /** Reconciles the key; returns when to look again even without a change, or null. */
  Duration reconcile(K key) throws Exception;
}

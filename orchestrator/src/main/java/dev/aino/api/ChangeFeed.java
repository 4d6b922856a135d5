package dev.aino.api;

import dev.aino.api.impl.StoreChangeFeed;
import dev.aino.model.ObjectRef;
import dev.aino.store.StateStore;
import java.util.function.Consumer;

/**
 * Tells adapters that workloads, instances or nodes changed, so that they can push updates (MCP
 * resource subscriptions, console live views) instead of polling {@link OrchestratorService}. It
 * says only what changed; adapters read the new state through the facade.
 */
public interface ChangeFeed {
  /**
   * Calls {@code listener} with the object of every later put or delete, on a store thread. The
   * listener must be quick and must not throw.
   *
   * @return a handle whose {@code close()} stops delivery
   */
  Subscription subscribe(Consumer<ObjectRef> listener);

  /** A running subscription. */
  interface Subscription extends AutoCloseable {
    @Override
    void close();
  }

  /** The changes of a state store. */
  static ChangeFeed of(StateStore store) {
    return new StoreChangeFeed(store);
  }
}

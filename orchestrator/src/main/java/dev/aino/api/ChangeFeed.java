package dev.aino.api;

import dev.aino.api.impl.StoreChangeFeed;
import dev.aino.model.ObjectRef;
import dev.aino.store.StateStore;
import java.util.Set;
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

  /**
   * The cursor of {@code kinds} at the store's latest revision: to follow them from now on, with
   * nothing committed after this call missed.
   */
  ChangeCursor now(Set<ChangeKind> kinds);

  /**
   * Calls {@code listener} with every change of the cursor's kinds after the cursor: for each kind,
   * the puts and deletes from {@link ChangeCursor#resumeFrom} on, in revision order. Different
   * kinds arrive on different store threads, so the listener must be thread-safe, quick, and must
   * not throw; the changes of one kind never overtake each other. A {@link Change.Type#RELIST} (the
   * store no longer has the cursor's revision of a kind, or the cursor is ahead of the store) ends
   * that kind's delivery; the follower should close the subscription, list again and follow from
   * the list's revision.
   *
   * @return a handle whose {@code close()} stops delivery
   */
  Subscription follow(ChangeCursor from, Consumer<Change> listener);

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

package dev.aino.store;

import java.util.OptionalLong;

/**
 * What a {@link FencedStateStore} fences its writes with: the key a leader election creates once
 * per term and the term this process holds. Implemented by the leader election.
 */
public interface FencingToken {
  /** The election key, below the store's root. */
  String key();

  /**
   * The term this process believes it leads in (the create revision of {@link #key()} when it won
   * it), or empty when it does not lead. The store, not this belief, decides whether it still
   * holds.
   */
  OptionalLong term();
}

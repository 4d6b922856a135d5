package dev.aino.store.spi;

import java.util.Objects;

/**
 * The condition a fenced batch carries: {@code key} still exists and was created at {@code term}.
 * The leader election creates its key once per term, so a batch fenced by an old term fails once
 * another server has won an election, however late the old leader's batch arrives.
 *
 * @param key the election key, below the backend's root
 * @param term the create revision of that key when this process won it
 */
public record KvFence(String key, long term) {
  public KvFence {
    Objects.requireNonNull(key, "key");
    if (key.isEmpty()) {
      throw new IllegalArgumentException("key must not be empty");
    }
    if (term <= 0) {
      throw new IllegalArgumentException("term must be positive, got " + term);
    }
  }
}

package dev.aino.image.store;

import dev.aino.error.AinoException;
import dev.aino.error.ErrorCode;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

/**
 * Runs one piece of work per key at a time: a caller that asks for a key already being worked on
 * waits for that work and gets its result (or its failure) instead of doing it again. Nothing is
 * remembered after the work ends; callers check their cache first.
 *
 * @param <K> the key, e.g. a digest
 * @param <V> the result
 */
public final class SingleFlight<K, V> {
  private final ConcurrentHashMap<K, CompletableFuture<V>> running = new ConcurrentHashMap<>();

  /**
   * Does {@code work} for {@code key}, or waits for the call already doing it.
   *
   * @throws RuntimeException whatever the work threw, to every caller that waited for it
   */
  public V run(K key, Supplier<V> work) {
    CompletableFuture<V> mine = new CompletableFuture<>();
    CompletableFuture<V> theirs = running.putIfAbsent(key, mine);
    if (theirs != null) {
      return await(key, theirs);
    }
    try {
      V value = work.get();
      mine.complete(value);
      return value;
    } catch (RuntimeException | Error e) {
      mine.completeExceptionally(e);
      throw e;
    } finally {
      running.remove(key, mine);
    }
  }

  private V await(K key, CompletableFuture<V> future) {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AinoException(
          ErrorCode.UNAVAILABLE, "interrupted while waiting for " + key + " to be fetched", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException re) {
        throw re;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new AinoException(ErrorCode.INTERNAL, "fetching " + key + " failed", cause);
    }
  }
}

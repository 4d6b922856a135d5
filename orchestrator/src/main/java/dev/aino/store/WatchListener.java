package dev.aino.store;

/**
 * Receives a watch's events, one at a time and in order, on a thread of the store's (never the
 * writer's). A slow listener delays only its own watch.
 *
 * @param <T> the watched kind's record type
 */
@FunctionalInterface
public interface WatchListener<T> {
  void onEvent(WatchEvent<T> event);
}

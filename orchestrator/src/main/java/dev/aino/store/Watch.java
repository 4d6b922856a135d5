package dev.aino.store;

/** A running watch; closing it stops delivery (an event being delivered may still finish). */
public interface Watch extends AutoCloseable {
  @Override
  void close();
}
